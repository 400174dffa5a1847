// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";

  // Voice notes: a [data-recorder] block holds a start/stop button and a file input. When the browser can
  // record, the recording is put into the file input so the normal form submit uploads it.
  function setUpRecorder(block) {
    var input = block.querySelector("input[type=file]");
    var button = block.querySelector("[data-record-button]");
    // The label is its own element, so changing it keeps the pictogram beside it.
    var label = block.querySelector("[data-record-label]") || button;
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
          label.textContent = button.dataset.labelStart;
          status.textContent = status.dataset.done;
        });
        recorder.start();
        label.textContent = button.dataset.labelStop;
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

// === conversations: autosave of notes with a local copy (owner: preparing and holding) ===
// A [data-autosave] textarea posts itself through htmx. Every keystroke is also kept in localStorage under
// the element's key, so nothing typed is lost when the connection drops or the page closes: on load a copy
// that differs from the page is put back and sent again; after a confirmed save the copy is removed.
(function () {
  "use strict";
  function store() { try { return window.localStorage; } catch (e) { return null; } }
  function statusOf(el) {
    var id = el.getAttribute("hx-target");
    return id ? document.querySelector(id) : null;
  }
  // A custom event: "input changed" would ignore a value that did not change since the failed attempt.
  function resend(el) { if (window.htmx) { window.htmx.trigger(el, "koers:resend"); } }
  // The "online" event is not reliable everywhere, so a failed save is also tried again every few seconds
  // for as long as a local copy is waiting.
  function retryLater(el) {
    window.clearTimeout(Number(el.dataset.autosaveTimer || 0));
    el.dataset.autosaveTimer = String(window.setTimeout(function () {
      var ls = store();
      if (ls && ls.getItem(el.dataset.autosave) !== null) { resend(el); }
    }, 3000));
  }
  function setUp(el) {
    if (el.dataset.autosaveReady) { return; }
    el.dataset.autosaveReady = "1";
    var key = el.dataset.autosave;
    var ls = store();
    if (!ls) { return; }
    var kept = ls.getItem(key);
    if (kept !== null && kept !== el.value) {
      el.value = kept;
      window.setTimeout(function () { resend(el); }, 300);
    } else if (kept !== null) {
      ls.removeItem(key);
    }
    el.addEventListener("input", function () { ls.setItem(key, el.value); });
    el.addEventListener("htmx:afterRequest", function (e) {
      var status = statusOf(el);
      if (e.detail.successful) {
        if (ls.getItem(key) === el.value) { ls.removeItem(key); }
        if (status) { status.classList.remove("offline"); }
      } else if (!e.detail.xhr.status) {
        if (status) {
          status.textContent = status.dataset.offline || "";
          status.classList.add("offline");
        }
        retryLater(el);
      }
    });
  }
  function init(root) { root.querySelectorAll("[data-autosave]").forEach(setUp); }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (e) { init(e.target); });
  // 409: someone else changed the note. The answer shows their text and the new version; the local copy of
  // what was typed stays (the request did not succeed), so nothing is lost either way.
  document.addEventListener("htmx:beforeSwap", function (e) {
    if (e.detail.xhr && e.detail.xhr.status === 409) { e.detail.shouldSwap = true; e.detail.isError = false; }
  });
  window.addEventListener("online", function () {
    var ls = store();
    if (!ls) { return; }
    document.querySelectorAll("[data-autosave]").forEach(function (el) {
      if (ls.getItem(el.dataset.autosave) !== null) { resend(el); }
    });
  });
})();

// === conversations: guide mode, jumping to a phase opens it ===
// The phase list links to closed <details>; following a link (or arriving with #phase-x) opens that phase.
(function () {
  "use strict";
  function openTarget() {
    var id = window.location.hash.slice(1);
    var target = id ? document.getElementById(id) : null;
    if (target && target.tagName === "DETAILS") { target.open = true; }
  }
  window.addEventListener("hashchange", openTarget);
  document.addEventListener("DOMContentLoaded", openTarget);
})();
