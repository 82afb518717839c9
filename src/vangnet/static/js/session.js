// The session screen. Progressive: the form works without this file (the server treats a
// contribution as presence too). With it: choosing a contribution ticks "aanwezig",
// unticking "aanwezig" clears that person's contributions, a person's usual task is one tap
// ("+ koken"), one contribution panel is open at a time, the name filter and the letters
// narrow the list, "zelfde als vorige week" pre-fills (marked, never saved by itself), the
// sticky bar shows the count, and the save button cannot be pressed twice.
(function () {
  "use strict";

  function rowOf(element) { return element.closest("[data-session-row]"); }
  function presenceBox(row) { return row ? row.querySelector("[data-present-box]") : null; }
  function plain(text) {
    return String(text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  // The folded contributions show what was chosen in their summary line; the one-tap usual
  // task is offered only while nothing is chosen.
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
    var usual = row.querySelector("[data-usual]");
    if (usual) { usual.hidden = chosen.length > 0; }
  }

  function clearContributions(row) {
    row.querySelectorAll("[data-contribution]").forEach(function (input) {
      if (input.type === "checkbox") { input.checked = false; } else { input.value = ""; }
    });
  }

  function unmarkPrefilled(row) {
    if (!row || !row.classList.contains("is-prefilled")) { return; }
    row.classList.remove("is-prefilled");
    var tag = row.querySelector("[data-prefilled-tag]");
    if (tag) { tag.hidden = true; }
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

  function onChange(form, event) {
    var target = event.target;
    var row = rowOf(target);
    if (target.hasAttribute("data-contribution")) {
      var filled = target.type === "checkbox" ? target.checked : target.value.trim() !== "";
      var box = presenceBox(row);
      if (filled && box) { box.checked = true; }
      unmarkPrefilled(row);
    } else if (target.hasAttribute("data-present-box") && row) {
      unmarkPrefilled(row);  // the worker looked at this one
      if (!target.checked) {
        clearContributions(row);
      } else {
        var absence = row.querySelector("[data-absence]");
        if (absence) { absence.value = ""; }
      }
    } else if (target.hasAttribute("data-absence") && target.value && row) {
      var present = presenceBox(row);
      if (present && present.checked) {
        present.checked = false;
        clearContributions(row);
      }
      unmarkPrefilled(row);
    }
    if (row) { updateSummary(row); }
    updateCount(form);
  }

  function initContributions(form) {
    form.querySelectorAll("[data-usual]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var row = rowOf(button);
        row.querySelectorAll("input[type=checkbox][data-contribution]").forEach(function (input) {
          if (input.value === button.getAttribute("data-usual")) { input.checked = true; }
        });
        var box = presenceBox(row);
        if (box) { box.checked = true; }
        unmarkPrefilled(row);
        updateSummary(row);
        updateCount(form);
        var summary = row.querySelector(".contrib > summary");
        if (summary) { summary.focus(); }  // the button itself is gone now
      });
      updateSummary(rowOf(button));
    });
    // One panel open at a time, so the list stays one line per person.
    form.querySelectorAll("details.contrib").forEach(function (details) {
      details.addEventListener("toggle", function () {
        if (!details.open) { return; }
        form.querySelectorAll("details.contrib[open]").forEach(function (other) {
          if (other !== details) { other.open = false; }
        });
      });
    });
    form.querySelectorAll("[data-contrib-done]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var details = button.closest("details");
        details.open = false;
        details.querySelector("summary").focus();
      });
    });
  }

  // Name filter and letters: rows that do not match are hidden (never unticked).
  function initFilter(form) {
    var filter = form.querySelector("[data-name-filter]");
    var bar = form.querySelector("[data-letter-bar]");
    var letter = "";
    function apply() {
      var text = filter ? plain(filter.value) : "";
      var shownInOthers = false;
      form.querySelectorAll("[data-session-row]").forEach(function (row) {
        var name = row.getAttribute("data-name") || "";
        var initials = row.getAttribute("data-initials") || "";
        var match = (!text || name.indexOf(text) !== -1 ||
                     (text.length > 1 && initials.indexOf(text) === 0)) &&
                    (!letter || initials.charAt(0) === letter);
        row.hidden = !match;
        if (match && (text || letter) && row.closest(".session-others")) { shownInOthers = true; }
      });
      var others = form.querySelector(".session-others");
      if (others && shownInOthers) { others.open = true; }
    }
    if (filter) {
      filter.hidden = false;
      filter.addEventListener("input", apply);
      filter.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { event.preventDefault(); }
      });
    }
    if (bar) {
      bar.hidden = false;
      bar.addEventListener("click", function (event) {
        var button = event.target.closest("[data-letter]");
        if (!button) { return; }
        var chosen = button.getAttribute("data-letter");
        letter = letter === chosen ? "" : chosen;
        bar.querySelectorAll("[data-letter]").forEach(function (other) {
          other.setAttribute("aria-pressed", String(other.getAttribute("data-letter") === letter));
        });
        apply();
      });
    }
  }

  // "Zelfde als vorige week": tick last week's people, visibly marked as pre-filled; only
  // the worker's own save stores it.
  function initPrefill(form) {
    var prefill = form.querySelector("[data-prefill]");
    if (!prefill) { return; }
    prefill.hidden = false;
    prefill.addEventListener("click", function () {
      form.querySelectorAll("[data-session-row][data-last-week]").forEach(function (row) {
        var box = presenceBox(row);
        var absence = row.querySelector("[data-absence]");
        if (box && !box.checked && !(absence && absence.value)) {
          box.checked = true;
          row.classList.add("is-prefilled");
          var tag = row.querySelector("[data-prefilled-tag]");
          if (tag) { tag.hidden = false; }
        }
      });
      var note = form.querySelector("[data-prefill-note]");
      if (note) { note.hidden = false; }
      prefill.hidden = true;
      // The button is gone: keep the focus on the message that replaced it.
      if (note) { note.focus({ preventScroll: true }); }
      updateCount(form);
    });
  }

  function init() {
    var form = document.querySelector("form.session-form");
    if (!form) { return; }
    form.addEventListener("change", function (event) { onChange(form, event); });
    form.addEventListener("input", function (event) {
      var target = event.target;
      if (target.type === "text" && target.hasAttribute("data-contribution") && target.value.trim()) {
        var box = presenceBox(rowOf(target));
        if (box) { box.checked = true; }
      }
      updateCount(form);
    });
    initContributions(form);
    initFilter(form);
    initPrefill(form);
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
