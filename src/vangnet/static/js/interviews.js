/* Progressive enhancement for the interviews pages (everything works without it).
 * - plan form: show the "runs the network" warning only when such a person is chosen;
 * - coding page: a text selection in the report fills the passage field (and its offset);
 * - participant sheet: a print button. */
(function () {
  "use strict";

  var warning = document.getElementById("own-worker-warning");
  var select = document.getElementById("id_interviewer");
  if (warning && select) {
    var own = (warning.getAttribute("data-own-workers") || "").split(",").filter(Boolean);
    var checkbox = document.getElementById("id_confirm_own_worker");
    var update = function () {
      var show = own.indexOf(select.value) !== -1 || (checkbox && checkbox.checked);
      warning.hidden = !show;
    };
    select.addEventListener("change", update);
    update();
  }

  var source = document.querySelector("[data-coding-source]");
  var raw = document.querySelector("[data-raw-text]");
  var quote = document.getElementById("id_quote");
  var start = document.getElementById("id_start");
  if (source && quote) {
    var hint = document.querySelector("[data-selection-hint]");
    if (hint) { hint.hidden = false; }
    var fill = function () {
      var selection = window.getSelection();
      if (!selection || selection.isCollapsed) { return; }
      if (!source.contains(selection.anchorNode) || !source.contains(selection.focusNode)) { return; }
      var text = selection.toString().trim();
      if (!text) { return; }
      quote.value = text;
      if (start && raw) {
        var at = raw.textContent.indexOf(text);
        start.value = at >= 0 ? String(at) : "";
      }
    };
    source.addEventListener("mouseup", fill);
    source.addEventListener("keyup", fill);
    source.addEventListener("touchend", fill);
  }

  var printButton = document.querySelector("[data-print]");
  if (printButton) {
    printButton.hidden = false;
    printButton.addEventListener("click", function () { window.print(); });
  }
})();
