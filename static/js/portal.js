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
    // Send htmx requests with the CSRF token of the page.
    document.body.addEventListener("htmx:configRequest", function (event) {
      var token = document.querySelector("input[name=csrfmiddlewaretoken]");
      if (token) { event.detail.headers["X-CSRFToken"] = token.value; }
    });
  });
})();
