// The presenter's screen: keeps the question on air and the next ones in the queue current through the episode's
// live stream (Server-Sent Events), so nobody in the studio has to reload. Our own file, served from /static (the
// pages' policy allows no inline script); every text is set with textContent, never as HTML. Without it the page
// shows the same by reloading.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var screen = document.getElementById("presenter");
  if (!screen || !window.EventSource) return;
  var current = document.getElementById("presenter-current");
  var next = document.getElementById("presenter-next");
  var nextNone = document.getElementById("presenter-next-none");
  var shown = parseInt(screen.getAttribute("data-next-count"), 10) || 3;
  // What the stream has said about each question it shows, by ID; a resumed stream only adds the changes since.
  var questions = new Map();

  function byOrder(a, b) {
    var pa = a.queuePosition == null ? Infinity : a.queuePosition;
    var pb = b.queuePosition == null ? Infinity : b.queuePosition;
    if (pa !== pb) return pa < pb ? -1 : 1;
    if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
    return a.id < b.id ? -1 : 1;
  }

  function render() {
    var onAir = [];
    var queued = [];
    questions.forEach(function (question) {
      if (question.state === "on_air") onAir.push(question);
      else if (question.state === "queued") queued.push(question);
    });
    onAir.sort(byOrder);
    queued.sort(byOrder);
    current.textContent = onAir.length ? onAir[0].text : current.getAttribute("data-none");
    current.classList.toggle("is-empty", onAir.length === 0);
    while (next.firstChild) next.removeChild(next.firstChild);
    queued.slice(0, shown).forEach(function (question) {
      var item = document.createElement("li");
      item.textContent = question.text;
      next.appendChild(item);
    });
    nextNone.hidden = queued.length > 0;
  }

  var stream = new EventSource(screen.getAttribute("data-live"));
  stream.addEventListener("question", function (event) {
    var question = JSON.parse(event.data);
    questions.set(question.id, question);
    render();
  });
  stream.addEventListener("removed", function (event) {
    questions.delete(JSON.parse(event.data).id);
    render();
  });
  stream.addEventListener("open", function () { screen.setAttribute("data-connected", "true"); });
  stream.addEventListener("error", function () { screen.setAttribute("data-connected", "false"); });
});
