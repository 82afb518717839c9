// The reports of offline saves that need the worker's attention (docs/offline.md), shown
// at the top of every page until the worker taps "Begrepen". A newcomer's name typed offline
// that resembles a known participant comes back as a question, the same as on the session
// screen: "Bedoel je Ria (sinds maart 2025, laatst gezien 16 november)?" or "Nee, een nieuw
// persoon". The choice is kept in the outbox like any waiting save (a save that changes
// nothing but that one name) and sent at once, or when the connection is back.
(function () {
  "use strict";

  var store = window.VangnetOffline;
  var OUTBOX = store.OUTBOX;
  var REPORTS = store.REPORTS;

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  // What was filled in, for a save that could not be made at all.
  function describe(entry, t) {
    var names = entry.names || {};
    var who = function (id) { return names[id] || t("someone"); };
    var parts = [];
    entry.pairs.forEach(function (p) {
      var value = String(p[1]).trim();
      if (!value) { return; }
      if (p[0] === "present") { parts.push(who(value) + ": " + t("present")); }
      if ((/^absent-/).test(p[0])) { parts.push(who(p[0].split("-")[1]) + ": " + t("absent") + (value === "*" ? "" : " (" + value + ")")); }
      if ((/^task-|^other-/).test(p[0])) { parts.push(who(p[0].split("-")[1]) + ": " + t("contribution") + " " + value); }
      if (p[0] === "newcomer") { parts.push(t("newcomer") + ": " + value); }
      if (p[0] === "note") { parts.push(t("note") + ": " + value); }
    });
    return t("what") + " " + parts.join("; ");
  }

  // The report for one sent save, or null when everything was saved as it was.
  function reportFor(entry, answer, t) {
    var names = entry.names || {};
    var lines = [];
    if (answer.status === "gone" || answer.status === "invalid") {
      lines = lines.concat(answer.problems || []);
      lines.push(describe(entry, t));
      return { title: entry.title, url: answer.status === "invalid" ? entry.url : "", lines: lines, user: entry.user };
    }
    if (answer.status !== "attention") { return null; }
    (answer.left_out || []).concat(answer.overlap || []).forEach(function (item) {
      lines.push((names[item.participant] || t("someone")) + " " + item.reason);
    });
    lines = lines.concat(answer.attention || []);
    return {
      title: entry.title,
      url: entry.url,
      lines: lines, // what needs attention
      info: answer.messages || [], // what was saved
      user: entry.user,
      version: answer.version,
      questions: answer.questions || []
    };
  }

  // The save that answers one question: nothing else changes (the marks are the same as
  // the state they are compared with), the name is added or the chosen person marked present.
  function answerEntry(report, question, value) {
    var pairs = [
      ["version", String(report.version || 0)],
      ["base_present", ""], ["base_contributions", "[]"], ["base_absent", "[]"],
      ["base_note", ""], ["note", ""],
      ["newcomer", question.name], ["resolve-0", value], ["resolve_name-0", question.name]
    ];
    return {
      key: report.url + "#" + encodeURIComponent(question.name),
      url: report.url,
      user: report.user,
      title: report.title,
      names: {},
      pairs: pairs,
      count: store.changeCount(pairs),
      queuedAt: Date.now()
    };
  }

  function questionElement(report, question, index, t, done) {
    var fieldset = element("fieldset", "", "newcomer-question");
    fieldset.appendChild(element("legend", question.legend));
    var group = "offline-question-" + report.id + "-" + index;
    question.choices.forEach(function (choice, position) {
      var label = element("label", "", "choice");
      var input = document.createElement("input");
      input.type = "radio";
      input.name = group;
      input.value = choice.value;
      input.checked = position === 0;
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + choice.label));
      fieldset.appendChild(label);
    });
    (question.hints || []).forEach(function (hint) { fieldset.appendChild(element("p", hint, "hint")); });
    var button = element("button", t("choose"));
    button.type = "button";
    button.addEventListener("click", function () {
      var chosen = fieldset.querySelector("input:checked");
      if (!chosen) { return; }
      button.disabled = true;
      var rest = report.questions.filter(function (q) { return q !== question; });
      var kept = Object.assign({}, report, { questions: rest });
      var left = rest.length || kept.lines.length;
      store.put(OUTBOX, answerEntry(report, question, chosen.value)).then(function () {
        return left ? store.put(REPORTS, kept) : store.remove(REPORTS, report.id);
      }).then(function () { done(true); });
    });
    fieldset.appendChild(button);
    return fieldset;
  }

  function reportElement(report, t, done) {
    var section = element("section", "", "offline-report");
    section.setAttribute("aria-label", report.title || t("attention"));
    section.appendChild(element("h2", t("attention") + ": " + (report.title || "")));
    var list = element("ul");
    report.lines.concat(report.info || []).forEach(function (text) { list.appendChild(element("li", text)); });
    section.appendChild(list);
    (report.questions || []).forEach(function (question, index) {
      section.appendChild(questionElement(report, question, index, t, done));
    });
    if (report.url) {
      var link = element("a", t("open"));
      link.href = report.url;
      section.appendChild(link);
    }
    var button = element("button", t("dismiss"), "secondary");
    button.type = "button";
    button.addEventListener("click", function () {
      store.remove(REPORTS, report.id).then(function () { done(false); });
    });
    section.appendChild(button);
    return section;
  }

  // Show the reports in `holder` (built again only when they changed, so a choice being
  // made is not undone); `done(sendNow)` runs after a dismissal or an answer.
  function show(holder, reports, t, done) {
    var shown = JSON.stringify(reports);
    if (holder.getAttribute("data-shown") === shown) { return; }
    holder.setAttribute("data-shown", shown);
    holder.textContent = "";
    reports.forEach(function (report) { holder.appendChild(reportElement(report, t, done)); });
  }

  store.reports = { show: show, reportFor: reportFor };
})();
