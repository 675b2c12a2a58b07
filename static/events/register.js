// Conditional registration questions: show a question only when its parent is answered as set.
(function () {
  "use strict";
  function valueOf(form, name) {
    var inputs = form.querySelectorAll('[name="' + name + '"]');
    var values = [];
    inputs.forEach(function (input) {
      if ((input.type === "radio" || input.type === "checkbox")) {
        if (input.checked) values.push(input.value);
      } else if (input.value) {
        values.push(input.value);
      }
    });
    return values;
  }
  function update(form) {
    form.querySelectorAll("[data-show-if]").forEach(function (el) {
      var wrapper = el.closest("div[id$='_wrapper'], fieldset") || el.closest("div");
      var show = valueOf(form, el.getAttribute("data-show-if")).indexOf(el.getAttribute("data-show-value")) !== -1;
      if (wrapper) wrapper.hidden = !show;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form").forEach(function (form) {
      if (!form.querySelector("[data-show-if]")) return;
      form.addEventListener("change", function () { update(form); });
      update(form);
    });
  });
})();
