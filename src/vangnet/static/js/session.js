// The session screen. Progressive: the form works without this file (the server treats a
// contribution as presence too). With it: choosing a contribution ticks "aanwezig",
// unticking "aanwezig" clears that person's contributions, the sticky bar shows the count,
// and the save button cannot be pressed twice.
(function () {
  "use strict";

  function rowOf(element) { return element.closest("[data-session-row]"); }
  function presenceBox(row) { return row ? row.querySelector("[data-present-box]") : null; }

  function updateCount(form) {
    var out = form.querySelector("[data-present-count]");
    if (!out) { return; }
    var count = form.querySelectorAll("[data-present-box]:checked").length;
    var newcomer = form.querySelector("input[name=newcomer]");
    if (newcomer && newcomer.value.trim()) {
      count += newcomer.value.split(",").filter(function (n) { return n.trim(); }).length;
    }
    out.textContent = String(count);
  }

  function init() {
    var form = document.querySelector("form.session-form");
    if (!form) { return; }
    form.addEventListener("change", function (event) {
      var target = event.target;
      var row = rowOf(target);
      if (target.hasAttribute("data-contribution")) {
        var filled = target.type === "checkbox" ? target.checked : target.value.trim() !== "";
        var box = presenceBox(row);
        if (filled && box) { box.checked = true; }
      } else if (target.hasAttribute("data-present-box") && !target.checked && row) {
        row.querySelectorAll("[data-contribution]").forEach(function (input) {
          if (input.type === "checkbox") { input.checked = false; } else { input.value = ""; }
        });
      }
      updateCount(form);
    });
    form.addEventListener("input", function (event) {
      var target = event.target;
      if (target.type === "text" && target.hasAttribute("data-contribution") && target.value.trim()) {
        var box = presenceBox(rowOf(target));
        if (box) { box.checked = true; }
      }
      updateCount(form);
    });
    form.addEventListener("submit", function () {
      var button = form.querySelector("[data-save-button]");
      // Disable after the browser has collected the form data.
      if (button) { window.setTimeout(function () { button.disabled = true; }, 0); }
    });
    updateCount(form);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
