// Read-aloud buttons ([data-read-aloud], see templates/read_aloud.html): a press plays the spoken text the
// server made for this button, a second press stops it. aria-pressed tells screen readers which one plays.
// One listener on the document, so buttons that htmx brings in later work too.
(function () {
  "use strict";
  var playing = null; // {button, audio}

  function setPressed(button, pressed) {
    button.setAttribute("aria-pressed", pressed ? "true" : "false");
  }

  function say(button, text) {
    var status = button.parentNode.querySelector(".read-aloud-status");
    if (status) { status.textContent = text; }
  }

  function stop() {
    if (!playing) { return; }
    playing.audio.pause();
    setPressed(playing.button, false);
    playing = null;
  }

  function start(button) {
    var audio = new Audio(button.dataset.readAloud);
    playing = { button: button, audio: audio };
    setPressed(button, true);
    say(button, "");
    audio.addEventListener("ended", function () { if (playing && playing.audio === audio) { stop(); } });
    audio.addEventListener("error", function () {
      if (playing && playing.audio === audio) { stop(); }
      say(button, button.dataset.error || "");
    });
    var started = audio.play();
    if (started && started.catch) {
      started.catch(function () {
        if (playing && playing.audio === audio) { stop(); }
        say(button, button.dataset.error || "");
      });
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-read-aloud]") : null;
    if (!button) { return; }
    event.preventDefault();
    var same = playing && playing.button === button;
    stop();
    if (!same) { start(button); }
  });
})();
