// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // After an htmx swap, do what a full page load would do for keyboard and screen-reader users:
  // focus the error summary if the new content has one, else the element marked data-focus-after-swap
  // (the new page heading, a lookup result, a confirmation, the first result). The page title comes with the swap as a
  // <title> in the partial (htmx applies it); see templates/includes/swap_title.html.
  //
  // htmx fires afterSwap on the new element for an outerHTML swap (the old one is gone by then) and on
  // the target for innerHTML, so event.target is always the content that is in the page now.
  function focusTarget(root) {
    var summary = root.matches(".error-summary") ? root : root.querySelector(".error-summary");
    if (summary) return summary;
    return root.matches("[data-focus-after-swap]") ? root : root.querySelector("[data-focus-after-swap]");
  }

  // One polite live region that exists from the first page load (a region inserted with its text is
  // often not read): swapped content marks what must be heard with data-announce.
  function announce(text) {
    var region = document.getElementById("announcer");
    if (!region || !text) return;
    region.textContent = "";
    // A fresh text node in the next frame, so the same words twice in a row are read twice.
    window.requestAnimationFrame(function () { region.textContent = text; });
  }

  // Only when the focus was in what the swap replaces (a button in the swapped form, a tab, a page link):
  // someone typing in a search box that refreshes results elsewhere keeps their place. Checked before
  // the swap, because htmx puts the focus back on a new element with the same id (an input) after it.
  var focusInSwap = false;
  document.addEventListener("htmx:beforeSwap", function (event) {
    var active = document.activeElement;
    var target = event.detail.target;
    focusInSwap = !active || active === document.body || !!(target && target.contains(active));
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var root = event.target;
    if (!(root instanceof Element) || !root.isConnected) return;
    var target = focusTarget(root);
    if (target && focusInSwap) {
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus();
    }
    var said = [];
    root.querySelectorAll("[data-announce]").forEach(function (el) { said.push(el.textContent.trim()); });
    announce(said.join(" ").replace(/\s+/g, " "));
  });

  // Print buttons (no inline handlers: the Content-Security-Policy forbids them).
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-print]");
    if (button) { event.preventDefault(); window.print(); }
  });
  // Disclosures that are only collapsed on a narrow screen (the queue filters): open on a wide one.
  var wide = window.matchMedia("(min-width: 48rem)");
  function openWhenWide() {
    if (!wide.matches) return;
    document.querySelectorAll("details[data-open-wide]").forEach(function (el) { el.open = true; });
  }
  openWhenWide();
  wide.addEventListener("change", openWhenWide);
  // Reveal elements that only make sense with JavaScript (e.g. a print button).
  document.querySelectorAll("[data-js-only]").forEach(function (el) { el.hidden = false; });
})();
