// Sociogram, interactive on top of the server's picture (which works without this):
// choose a person (tap, click, Enter/Space on a dot, or the list) to see only their ties,
// switch kinds of support on and off, show one period of the small pictures (the server
// marks each tie and person with the periods it occurs in), find a name. A line under the tools says in words
// whom the chosen person gives support to and gets support from (read out by screen readers).
(function () {
  "use strict";

  function setup(svg, tools) {
    var nodes = Array.prototype.slice.call(svg.querySelectorAll(".node[role=button]"));
    var ties = Array.prototype.slice.call(svg.querySelectorAll(".tie"));
    var scroller = svg.closest(".sociogram-scroll");
    var select = tools.querySelector("[data-sociogram-person]");
    var find = tools.querySelector("[data-sociogram-find]");
    var summary = tools.querySelector("[data-sociogram-summary]");
    var kinds = Array.prototype.slice.call(tools.querySelectorAll("[data-sociogram-kind]"));
    var periodSelect = tools.querySelector("[data-sociogram-period]");
    var heading = document.querySelector("[data-sociogram-heading]");
    var period = "";
    var kindLabels = {};
    kinds.forEach(function (box) {
      var mark = box.parentNode.querySelector("[data-kind-label]");
      kindLabels[box.value] = mark ? mark.textContent.trim() : box.value;
    });
    var names = {};
    nodes.forEach(function (node) { names[node.getAttribute("data-node")] = node.getAttribute("data-name"); });
    var chosen = "";

    function shownKinds() {
      var shown = {};
      kinds.forEach(function (box) { if (box.checked) { shown[box.value] = true; } });
      return shown;
    }

    // The number of times a tie occurred in the chosen period ("" is the whole period).
    function countOf(tie) {
      if (period === "") { return tie.getAttribute("data-count"); }
      var marks = (tie.getAttribute("data-periods") || "").split(" ");
      for (var i = 0; i < marks.length; i++) {
        var pair = marks[i].split(":");
        if (pair[0] === period) { return pair[1]; }
      }
      return "";
    }

    function inPeriod(node) {
      return period === "" || (" " + (node.getAttribute("data-in") || "") + " ").indexOf(" " + period + " ") !== -1;
    }

    function showPeriod() {
      period = periodSelect ? periodSelect.value : "";
      var option = periodSelect && periodSelect.selectedOptions[0];
      if (option) {
        if (heading) { heading.textContent = option.getAttribute("data-heading"); }
        ["ties", "reciprocity", "isolates", "components"].forEach(function (name) {
          var figure = document.querySelector('[data-figure="' + name + '"]');
          if (figure) { figure.textContent = option.getAttribute("data-" + name); }
        });
      }
      nodes.forEach(function (node) { node.classList.toggle("is-absent", !inPeriod(node)); });
      paint();
    }

    function describe() {
      if (!chosen) { summary.textContent = tools.getAttribute("data-all"); return; }
      var shown = shownKinds();
      var gives = [], gets = [];
      ties.forEach(function (tie) {
        var kind = tie.getAttribute("data-type");
        var count = countOf(tie);
        if (!shown[kind] || !count) { return; }
        var text = kindLabels[kind] + ", " + count + "×";
        if (tie.getAttribute("data-from") === chosen) {
          gives.push(names[tie.getAttribute("data-to")] + " (" + text + ")");
        } else if (tie.getAttribute("data-to") === chosen) {
          gets.push(names[tie.getAttribute("data-from")] + " (" + text + ")");
        }
      });
      var parts = [];
      if (gives.length) { parts.push(names[chosen] + " " + tools.getAttribute("data-gives") + ": " + gives.join("; ") + "."); }
      if (gets.length) { parts.push(names[chosen] + " " + tools.getAttribute("data-gets") + ": " + gets.join("; ") + "."); }
      summary.textContent = parts.length ? parts.join(" ") : names[chosen] + ": " + tools.getAttribute("data-none");
    }

    function paint() {
      var shown = shownKinds();
      var related = {};
      ties.forEach(function (tie) {
        var visible = !!shown[tie.getAttribute("data-type")] && !!countOf(tie);
        tie.classList.toggle("is-hidden", !visible);
        var mine = visible && chosen && (tie.getAttribute("data-from") === chosen || tie.getAttribute("data-to") === chosen);
        tie.classList.toggle("is-related", !!mine);
        if (mine) {
          related[tie.getAttribute("data-from")] = true;
          related[tie.getAttribute("data-to")] = true;
        }
      });
      svg.classList.toggle("has-focus", !!chosen);
      nodes.forEach(function (node) {
        var id = node.getAttribute("data-node");
        node.classList.toggle("is-focus", id === chosen);
        node.classList.toggle("is-neighbour", id !== chosen && !!related[id]);
        node.setAttribute("aria-pressed", id === chosen ? "true" : "false");
      });
      describe();
    }

    function bringIntoView(node) {
      if (!scroller) { return; }
      var box = node.getBoundingClientRect();
      var frame = scroller.getBoundingClientRect();
      if (box.left < frame.left || box.right > frame.right || box.top < frame.top || box.bottom > frame.bottom) {
        scroller.scrollBy({
          left: box.left + box.width / 2 - (frame.left + frame.width / 2),
          top: box.top + box.height / 2 - (frame.top + frame.height / 2)
        });
      }
    }

    function choose(id, fromList) {
      chosen = chosen === id && !fromList ? "" : id;
      select.value = chosen;
      paint();
      var node = svg.querySelector('.node[data-node="' + chosen + '"]');
      if (node) { bringIntoView(node); }
    }

    nodes.forEach(function (node) {
      node.addEventListener("click", function () { choose(node.getAttribute("data-node"), false); });
      node.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          choose(node.getAttribute("data-node"), false);
        } else if (event.key === "Escape") {
          choose("", true);
        }
      });
    });
    select.addEventListener("change", function () { choose(select.value, true); });
    kinds.forEach(function (box) { box.addEventListener("change", paint); });
    if (periodSelect) { periodSelect.addEventListener("change", showPeriod); }
    find.addEventListener("input", function () {
      var query = find.value.trim().toLowerCase();
      var found = [];
      nodes.forEach(function (node) {
        var hit = query !== "" && node.getAttribute("data-name").toLowerCase().indexOf(query) !== -1;
        node.classList.toggle("is-match", hit);
        if (hit) { found.push(node); }
      });
      if (found.length === 1) {
        choose(found[0].getAttribute("data-node"), true);
      } else if (query !== "") {
        summary.textContent = found.length
          ? tools.getAttribute("data-matches") + " " + found.map(function (n) { return n.getAttribute("data-name"); }).join(", ")
          : tools.getAttribute("data-no-match");
        if (found.length) { bringIntoView(found[0]); }
      } else {
        describe();
      }
    });
    tools.hidden = false;
    showPeriod();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var tools = document.querySelector("[data-sociogram-tools]");
    var svg = document.querySelector("svg.sociogram:not(.sociogram-small)");
    if (tools && svg) { setup(svg, tools); }
  });
})();
