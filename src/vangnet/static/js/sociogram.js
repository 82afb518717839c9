// Sociogram: tap or focus a person to highlight their ties. The page works without this.
(function () {
  "use strict";
  function focusNode(svg, node) {
    var id = node.getAttribute("data-node");
    var same = node.classList.contains("is-focus");
    svg.querySelectorAll(".node.is-focus").forEach(function (n) { n.classList.remove("is-focus"); });
    svg.querySelectorAll(".tie.is-related").forEach(function (t) { t.classList.remove("is-related"); });
    if (same) { svg.classList.remove("has-focus"); return; }
    node.classList.add("is-focus");
    svg.classList.add("has-focus");
    svg.querySelectorAll(".tie").forEach(function (tie) {
      if (tie.getAttribute("data-from") === id || tie.getAttribute("data-to") === id) {
        tie.classList.add("is-related");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("svg.sociogram:not(.sociogram-small)").forEach(function (svg) {
      svg.querySelectorAll(".node").forEach(function (node) {
        node.addEventListener("click", function () { focusNode(svg, node); });
        node.addEventListener("keydown", function (event) {
          if (event.key === "Enter" || event.key === " ") { event.preventDefault(); focusNode(svg, node); }
        });
      });
    });
  });
})();
