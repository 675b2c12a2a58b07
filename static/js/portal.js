// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // Move focus to the error summary so screen-reader users hear what to fix.
    var summary = document.querySelector(".error-summary");
    if (summary) { summary.focus(); }
    // Send htmx requests with the CSRF token of the page.
    document.body.addEventListener("htmx:configRequest", function (event) {
      var token = document.querySelector("input[name=csrfmiddlewaretoken]");
      if (token) { event.detail.headers["X-CSRFToken"] = token.value; }
    });
  });
})();
