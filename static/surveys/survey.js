// Shows a question only when its condition holds, as the server decides again on saving.
(function () {
  "use strict";
  function read(form, stored, code) {
    var inputs = form.querySelectorAll('[name="' + code + '"]');
    if (!inputs.length) { return stored[code]; }
    var first = inputs[0];
    if (first.type === "checkbox") {
      return Array.prototype.filter.call(inputs, function (i) { return i.checked && !i.disabled; }).map(function (i) { return i.value; });
    }
    if (first.type === "radio") {
      var checked = Array.prototype.find.call(inputs, function (i) { return i.checked && !i.disabled; });
      return checked ? coerce(checked.value) : null;
    }
    if (first.disabled || first.value === "") { return null; }
    return first.type === "number" ? parseFloat(first.value) : first.value;
  }
  function coerce(value) {
    return /^-?\d+(\.\d+)?$/.test(value) ? parseFloat(value) : value;
  }
  function matches(rule, value) {
    if (value === null || value === undefined) { return false; }
    var values = Array.isArray(value) ? value : [value];
    var expected = rule.value;
    switch (rule.operator) {
      case "equals": return values.indexOf(expected) !== -1;
      case "in": return values.some(function (v) { return (expected || []).indexOf(v) !== -1; });
      case "not": return values.indexOf(expected) === -1;
      case "gte": return typeof value === "number" && value >= parseFloat(expected);
      case "lte": return typeof value === "number" && value <= parseFloat(expected);
      default: return false;
    }
  }
  function apply(form, stored) {
    var wrappers = form.querySelectorAll("[data-condition]");
    Array.prototype.forEach.call(wrappers, function (wrapper) {
      var condition = JSON.parse(wrapper.getAttribute("data-condition"));
      var shown = (condition.all || []).every(function (rule) { return matches(rule, read(form, stored, rule.question)); });
      wrapper.hidden = !shown;
      Array.prototype.forEach.call(wrapper.querySelectorAll("input, select, textarea"), function (input) {
        input.disabled = !shown;
      });
    });
    // an "Other, please specify" box shows only while "Other" is chosen (the server ignores it otherwise)
    var others = form.querySelectorAll(".other-text[data-other-for]");
    Array.prototype.forEach.call(others, function (box) {
      var value = read(form, stored, box.getAttribute("data-other-for"));
      var chosen = Array.isArray(value) ? value : (value === null || value === undefined ? [] : [String(value)]);
      var codes = box.getAttribute("data-other-values").split(" ").filter(Boolean);
      box.hidden = !chosen.some(function (v) { return codes.indexOf(String(v)) !== -1; });
      var hint = box.querySelector(".other-hint");
      if (hint) {
        hint.hidden = true;
        box.querySelector("input").removeAttribute("aria-describedby");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector(".survey-form");
    var data = document.getElementById("survey-values");
    if (!form || !data) { return; }
    var stored = JSON.parse(data.textContent);
    apply(form, stored);
    form.addEventListener("change", function () { apply(form, stored); });
    form.addEventListener("input", function () { apply(form, stored); });
  });
})();
