// The question wall follows the episode's live stream: questions a moderator lets through appear, changed
// ones change and withdrawn ones go, without a reload. Our own file, served from /static (the pages' policy
// allows no inline script); texts are set with textContent only. Without it the page works by reloading.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var wall = document.getElementById("wall-list");
  var template = document.getElementById("wall-item");
  if (!wall || !template || !wall.dataset.live || !window.EventSource) return;

  function itemOf(id) { return document.getElementById("q-" + id); }

  function show(question) {
    if (!question || typeof question.id !== "string") return;
    var id = question.id.toLowerCase();
    var item = itemOf(id);
    if (!item) {
      item = template.content.firstElementChild.cloneNode(true);
      item.id = "q-" + id;
      var text = item.querySelector(".wall-text");
      text.id = "q-" + id + "-text";
      item.querySelector("input[name=questionId]").value = id;
      item.querySelector("button").setAttribute("aria-describedby", text.id);
      wall.appendChild(item);
      var none = document.getElementById("wall-none");
      if (none) none.remove();
    }
    var shown = document.getElementById("q-" + id + "-text");
    if (shown) shown.textContent = String(question.text);
    var upvotes = item.querySelector(".wall-upvotes");
    if (upvotes && typeof question.upvotes === "number") upvotes.textContent = String(question.upvotes);
  }

  // The stream resumes by itself after a break (the browser sends Last-Event-ID); a new one replays every change.
  var stream = new EventSource(wall.dataset.live);
  stream.addEventListener("question", function (event) {
    try { show(JSON.parse(event.data)); } catch (ignored) { /* a malformed event changes nothing */ }
  });
  stream.addEventListener("removed", function (event) {
    try {
      var gone = JSON.parse(event.data);
      var item = gone && typeof gone.id === "string" ? itemOf(gone.id.toLowerCase()) : null;
      if (item) item.remove();
    } catch (ignored) { /* as above */ }
  });
});
