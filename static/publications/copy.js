// "Copy the citation": the button is shown only where the clipboard API exists.
document.querySelectorAll("[data-copy]").forEach(function (button) {
  if (!navigator.clipboard) { return; }
  button.hidden = false;
  var label = button.textContent;
  button.addEventListener("click", function () {
    var text = document.getElementById(button.dataset.copy).textContent.trim();
    navigator.clipboard.writeText(text).then(function () {
      button.textContent = button.dataset.done || "✓";
      setTimeout(function () { button.textContent = label; }, 2000);
    });
  });
});
