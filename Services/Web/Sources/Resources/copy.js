// The receipt's copy button: added only where a script runs, since the code is already in a field a person
// can select and copy. Our own file, served from /static (the pages' policy allows no inline script).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var field = document.getElementById("tracking-code");
  if (!field) return;
  var button = document.createElement("button");
  button.type = "button";
  button.textContent = field.getAttribute("data-copy-label");
  button.addEventListener("click", function () {
    field.select();
    var copied = function () { button.textContent = field.getAttribute("data-copied-label"); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(copied, function () { if (document.execCommand("copy")) copied(); });
    } else if (document.execCommand("copy")) {
      copied();
    }
  });
  field.insertAdjacentElement("afterend", button);
});
