// Small progressive enhancements. Every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  // Move focus to an error summary so screen-reader users hear what went wrong.
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
  // Show slider values next to range inputs.
  document.querySelectorAll("input[type=range][data-output]").forEach(function (range) {
    var out = document.getElementById(range.dataset.output);
    var update = function () { if (out) { out.textContent = range.value; } };
    range.addEventListener("input", update); update();
  });
});
