// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";

  // Voice notes: a [data-recorder] block holds a start/stop button and a file input. When the browser can
  // record, the recording is put into the file input so the normal form submit uploads it.
  function setUpRecorder(block) {
    var input = block.querySelector("input[type=file]");
    var button = block.querySelector("[data-record-button]");
    var status = block.querySelector("[data-record-status]");
    var preview = block.querySelector("audio");
    if (!input || !button || !window.MediaRecorder || !navigator.mediaDevices) { return; }
    block.querySelector(".recorder").hidden = false;
    var recorder = null;
    var chunks = [];
    button.addEventListener("click", function () {
      if (recorder && recorder.state === "recording") { recorder.stop(); return; }
      navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
        chunks = [];
        recorder = new MediaRecorder(stream);
        recorder.addEventListener("dataavailable", function (e) { chunks.push(e.data); });
        recorder.addEventListener("stop", function () {
          stream.getTracks().forEach(function (t) { t.stop(); });
          var type = recorder.mimeType || "audio/webm";
          var blob = new Blob(chunks, { type: type });
          var file = new File([blob], "spraakbericht." + (type.indexOf("ogg") >= 0 ? "ogg" : "webm"), { type: type });
          var list = new DataTransfer();
          list.items.add(file);
          input.files = list.files;
          if (preview) { preview.src = URL.createObjectURL(blob); preview.hidden = false; }
          button.textContent = button.dataset.labelStart;
          status.textContent = status.dataset.done;
        });
        recorder.start();
        button.textContent = button.dataset.labelStop;
        status.textContent = status.dataset.recording;
      }).catch(function () { status.textContent = status.dataset.denied; });
    });
  }

  function init(root) {
    root.querySelectorAll("[data-recorder]").forEach(setUpRecorder);
  }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (e) { init(e.target); });
})();
