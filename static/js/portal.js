// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // Move focus to the error summary so screen-reader users hear what to fix.
    var summary = document.querySelector(".error-summary");
    if (summary) { summary.focus(); }
    // The header's menu button: on a narrow screen the navigation is folded behind it.
    var header = document.querySelector(".site-header");
    var toggle = header && header.querySelector(".nav-toggle");
    if (toggle) {
      var narrow = window.matchMedia("(max-width: 40rem)");
      var setOpen = function (open) {
        header.classList.toggle("nav-open", open);
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
      };
      toggle.hidden = false;
      header.classList.add("nav-collapsible");
      setOpen(false);
      toggle.addEventListener("click", function () {
        setOpen(toggle.getAttribute("aria-expanded") !== "true");
      });
      header.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && narrow.matches && header.classList.contains("nav-open")) {
          setOpen(false);
          toggle.focus();
        }
      });
    }
    // A submit button with data-busy-label (a long request, e.g. building a report): once the form is
    // sent it is disabled, marked busy and says what is happening, so that nobody sends it twice.
    document.addEventListener("submit", function (event) {
      var button = event.submitter || event.target.querySelector("button[type=submit], button:not([type])");
      if (!button || !button.hasAttribute("data-busy-label") || event.defaultPrevented) { return; }
      button.setAttribute("data-idle-label", button.textContent);
      button.textContent = button.getAttribute("data-busy-label");
      button.setAttribute("aria-busy", "true");
      button.classList.add("is-busy");
      // disabled after the form data is taken, so that a named button would still be sent
      window.setTimeout(function () { button.disabled = true; }, 0);
    });
    // Coming back with the browser's Back button shows the page as it was left: make it usable again.
    window.addEventListener("pageshow", function (event) {
      if (!event.persisted) { return; }
      document.querySelectorAll("button[data-idle-label]").forEach(function (button) {
        button.textContent = button.getAttribute("data-idle-label");
        button.removeAttribute("aria-busy");
        button.classList.remove("is-busy");
        button.disabled = false;
      });
    });
    // Send htmx requests with the CSRF token of the page.
    document.body.addEventListener("htmx:configRequest", function (event) {
      var token = document.querySelector("input[name=csrfmiddlewaretoken]");
      if (token) { event.detail.headers["X-CSRFToken"] = token.value; }
    });
  });
})();
