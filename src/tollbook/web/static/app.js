// tollbook: small helpers for every page (no inline scripts: the CSP forbids them).
"use strict";

// "Copy wikitext": copies the text of the element named by data-copy.
document.querySelectorAll("button.copy[data-copy]").forEach(function (button) {
  button.addEventListener("click", function () {
    var source = document.getElementById(button.dataset.copy);
    var status = button.parentElement.querySelector(".message");
    var text = source ? source.textContent : "";
    function done(message) { if (status) { status.textContent = message; } }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { done("Copied."); },
        function () { selectAll(source); done("Selected: press Ctrl+C to copy."); }
      );
    } else {
      selectAll(source);
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
      done(copied ? "Copied." : "Selected: press Ctrl+C to copy.");
    }
  });
});

function selectAll(element) {
  if (!element) { return; }
  var range = document.createRange();
  range.selectNodeContents(element);
  var selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}
