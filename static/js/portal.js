// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Move focus to the error summary or the new content after an htmx swap, so screen readers hear it.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    var summary = target.querySelector(".error-summary");
    var focusable = summary || target.querySelector("[data-focus-after-swap]");
    if (focusable) {
      if (!focusable.hasAttribute("tabindex")) focusable.setAttribute("tabindex", "-1");
      focusable.focus();
    }
  });
  // Print buttons (no inline handlers: the Content-Security-Policy forbids them).
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-print]");
    if (button) { event.preventDefault(); window.print(); }
  });
  // Reveal elements that only make sense with JavaScript (e.g. a print button).
  document.querySelectorAll("[data-js-only]").forEach(function (el) { el.hidden = false; });
})();
