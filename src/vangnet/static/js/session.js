// The session screen. Progressive: the form works without this file (the server treats a
// contribution as presence too). With it: choosing a contribution ticks "aanwezig",
// unticking "aanwezig" clears that person's contributions, the sticky bar shows the count,
// and the save button cannot be pressed twice.
(function () {
  "use strict";

  function rowOf(element) { return element.closest("[data-session-row]"); }
  function presenceBox(row) { return row ? row.querySelector("[data-present-box]") : null; }

  // The folded contributions show what was chosen in their summary line.
  function updateSummary(row) {
    var out = row ? row.querySelector("[data-contrib-summary]") : null;
    if (!out) { return; }
    var chosen = [];
    row.querySelectorAll("[data-contribution]").forEach(function (input) {
      if (input.type === "checkbox" ? input.checked : input.value.trim()) {
        chosen.push(input.type === "checkbox" ? input.value : input.value.trim());
      }
    });
    out.textContent = chosen.join(", ");
  }

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
      } else if (target.hasAttribute("data-present-box") && target.checked && row) {
        var absence = row.querySelector("[data-absence]");
        if (absence) { absence.value = ""; }
      } else if (target.hasAttribute("data-absence") && target.value && row) {
        var present = presenceBox(row);
        if (present && present.checked) {
          present.checked = false;
          row.querySelectorAll("[data-contribution]").forEach(function (input) {
            if (input.type === "checkbox") { input.checked = false; } else { input.value = ""; }
          });
        }
      }
      if (row) { updateSummary(row); }
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
    // Name filter: rows whose name does not contain the typed text are hidden (not unticked).
    var filter = form.querySelector("[data-name-filter]");
    if (filter) {
      filter.hidden = false;
      filter.addEventListener("input", function () {
        var text = filter.value.trim().toLowerCase();
        form.querySelectorAll("[data-session-row]").forEach(function (row) {
          row.hidden = text !== "" && (row.getAttribute("data-name") || "").indexOf(text) === -1;
        });
      });
      filter.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { event.preventDefault(); }
      });
    }
    // "Zelfde als vorige week": tick last week's people, visibly marked as pre-filled; only
    // the worker's own save stores it.
    var prefill = form.querySelector("[data-prefill]");
    if (prefill) {
      prefill.hidden = false;
      prefill.addEventListener("click", function () {
        form.querySelectorAll("[data-session-row][data-last-week]").forEach(function (row) {
          var box = presenceBox(row);
          var absence = row.querySelector("[data-absence]");
          if (box && !box.checked && !(absence && absence.value)) {
            box.checked = true;
            row.classList.add("is-prefilled");
          }
        });
        var note = form.querySelector("[data-prefill-note]");
        if (note) { note.hidden = false; }
        prefill.hidden = true;
        updateCount(form);
      });
    }
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
