// Offline use of the session screen (docs/offline.md; what stays on the device:
// docs/privacy.md). Every page works without this file.
// - Registers the service worker (/sw.js) for a signed-in user and asks it, at most every
//   30 minutes, to keep this week's and last week's session screens of the user's networks.
// - On a session screen without a connection, what the worker fills in is kept in IndexedDB
//   (one entry per session: the whole form, with the version and marks it was made on) and
//   sent through the merge-safe save once the connection is back: "3 wijzigingen nog niet
//   verstuurd", then "verstuurd", or exactly what could not be saved and why.
// - Signed out (the server session ended): the stored screens are removed at once; unsent
//   saves wait for the same user to sign in again. Logging out sends them first; the logout
//   response (Clear-Site-Data) removes everything.
(function () {
  "use strict";

  var DB_NAME = "vangnet-offline";
  var OUTBOX = "outbox";
  var REPORTS = "reports";
  var SCREENS_CACHE = "vangnet-screens";
  var REFRESHED_KEY = "vangnet-offline-refreshed";
  var SENT_KEY = "vangnet-offline-sent";
  var REFRESH_MS = 30 * 60 * 1000;
  var RETRY_MS = 10 * 1000;
  var SCREEN = /^\/netwerken\/(\d+)\/bijeenkomsten\/(\d+)\/$/;
  var STATUS_URL = "/netwerken/offline/status/";

  var box = null; // the status element of base.html
  var syncing = null;
  var lastSent = 0;

  function t(name) { return box ? box.getAttribute("data-t-" + name) || "" : ""; }

  // ------------------------------------------------------------------ IndexedDB

  function openDb() {
    return new Promise(function (resolve, reject) {
      if (!window.indexedDB) { reject(new Error("no IndexedDB")); return; }
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        var db = request.result;
        if (!db.objectStoreNames.contains(OUTBOX)) { db.createObjectStore(OUTBOX, { keyPath: "key" }); }
        if (!db.objectStoreNames.contains(REPORTS)) { db.createObjectStore(REPORTS, { keyPath: "id", autoIncrement: true }); }
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function withStore(name, mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(name, mode);
        var result = work(tx.objectStore(name));
        tx.oncomplete = function () { db.close(); resolve(result && "result" in result ? result.result : result); };
        tx.onerror = function () { db.close(); reject(tx.error); };
        tx.onabort = function () { db.close(); reject(tx.error); };
      });
    });
  }

  // Reading never creates the database (a signed-out page after logout keeps nothing).
  function exists() {
    if (!window.indexedDB || !indexedDB.databases) { return Promise.resolve(true); }
    return indexedDB.databases().then(function (list) {
      return list.some(function (db) { return db.name === DB_NAME; });
    });
  }

  function all(name) {
    return exists().then(function (found) {
      return found ? withStore(name, "readonly", function (store) { return store.getAll(); }) : [];
    });
  }
  function put(name, value) { return withStore(name, "readwrite", function (store) { store.put(value); }); }
  function remove(name, key) { return withStore(name, "readwrite", function (store) { store.delete(key); }); }

  // ------------------------------------------------------------------ the form as data

  function decodePairs(raw) {
    try { return JSON.parse(raw || "[]"); } catch (e) { return []; }
  }

  // What the worker changed relative to the state the screen was made on, one per mark.
  function changeCount(pairs) {
    var get = function (name) {
      var found = pairs.filter(function (p) { return p[0] === name; })[0];
      return found ? found[1] : "";
    };
    var present = {}, contributions = {}, absent = {}, count = 0;
    pairs.forEach(function (p) {
      var name = p[0], value = String(p[1]).trim();
      if (name === "present") { present[value] = true; }
      if ((/^task-|^other-/).test(name) && value) { contributions[name.split("-")[1] + "|" + value] = true; }
      if ((/^absent-/).test(name) && value) { absent[name.split("-")[1]] = value === "*" ? "" : value; }
    });
    var basePresent = {};
    get("base_present").split(",").forEach(function (id) { if (id) { basePresent[id] = true; } });
    var baseContrib = {};
    decodePairs(get("base_contributions")).forEach(function (p) { baseContrib[p[0] + "|" + p[1]] = true; });
    var baseAbsent = {};
    decodePairs(get("base_absent")).forEach(function (p) { baseAbsent[String(p[0])] = p[1]; });
    var differ = function (a, b, same) {
      Object.keys(a).forEach(function (k) { if (!(k in b) || (same && !same(k))) { count += 1; } });
    };
    differ(present, basePresent); differ(basePresent, present);
    differ(contributions, baseContrib); differ(baseContrib, contributions);
    differ(absent, baseAbsent, function (k) { return absent[k] === baseAbsent[k]; });
    differ(baseAbsent, absent);
    if (get("note").trim() !== get("base_note").trim()) { count += 1; }
    count += get("newcomer").split(",").filter(function (n) { return n.trim(); }).length;
    return count;
  }

  function namesOf(form) {
    var names = {};
    form.querySelectorAll("[data-present-box]").forEach(function (input) {
      var label = form.querySelector("label[for='" + input.id + "'] .name") ||
        form.querySelector("label[for='" + input.id + "']");
      names[input.value] = label ? label.textContent.trim() : "";
    });
    return names;
  }

  function entryOf(form, includePrefilled) {
    var pairs = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string") { pairs.push([name, value]); }
    });
    if (!includePrefilled) { // "zelfde als vorige week" is only saved by the worker's own save
      var prefilled = {};
      form.querySelectorAll(".is-prefilled [data-present-box]").forEach(function (input) {
        prefilled[input.value] = true;
      });
      pairs = pairs.filter(function (p) { return !(p[0] === "present" && prefilled[p[1]]); });
    }
    var heading = document.querySelector("h1");
    return {
      key: location.pathname,
      url: location.pathname,
      user: box.getAttribute("data-user"),
      title: heading ? heading.textContent.replace(/\s+/g, " ").trim() : document.title,
      names: namesOf(form),
      pairs: pairs,
      count: changeCount(pairs),
      queuedAt: Date.now()
    };
  }

  // Show a waiting save on the stored screen it was made on (same version), so a reload
  // without a connection shows the worker's marks again.
  function applyEntry(form, entry) {
    var version = form.querySelector("input[name=version]");
    var mine = entry.pairs.filter(function (p) { return p[0] === "version"; })[0];
    if (!version || !mine || version.value !== mine[1]) { return false; }
    var values = {};
    entry.pairs.forEach(function (p) { (values[p[0]] = values[p[0]] || []).push(p[1]); });
    form.querySelectorAll("input, select, textarea").forEach(function (field) {
      if (!field.name || field.type === "hidden" || field.name === "csrfmiddlewaretoken") { return; }
      var chosen = values[field.name] || [];
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = chosen.indexOf(field.value) !== -1;
      } else if (field.type !== "search") {
        field.value = chosen.length ? chosen[0] : "";
      }
    });
    form.dispatchEvent(new Event("change", { bubbles: true }));
    return true;
  }

  // ------------------------------------------------------------------ the status line

  function pendingText(count) {
    return count === 1 ? t("pending-one") : t("pending-many").replace("%(count)s", String(count));
  }

  function render(state) {
    if (!box) { return Promise.resolve(); }
    return Promise.all([all(OUTBOX), all(REPORTS)]).then(function (found) {
      var mine = found[0].filter(function (e) { return !box.getAttribute("data-user") || e.user === box.getAttribute("data-user"); });
      var count = mine.reduce(function (sum, e) { return sum + (e.count || 0); }, 0);
      var lines = [];
      if (!navigator.onLine) { lines.push(t("offline")); }
      if (count) {
        lines.push(pendingText(count) + (state === "signed-out" ? ". " + t("signin") : "."));
        if (state === "sending") { lines.push(t("sending")); }
        if (state === "failed") { lines.push(t("retry")); }
      } else if (lastSent || sessionStorage.getItem(SENT_KEY)) {
        lines.push(t("sent"));
      }
      box.querySelector("[data-offline-line]").textContent = lines.join(" ");
      box.classList.toggle("is-offline", !navigator.onLine);
      box.classList.toggle("is-pending", count > 0);
      renderReports(found[1]);
      box.hidden = lines.length === 0 && found[1].length === 0;
    }).catch(function () { /* no IndexedDB (private mode): nothing kept, nothing to show */ });
  }

  function renderReports(reports) {
    var holder = box.querySelector("[data-offline-reports]");
    holder.textContent = "";
    reports.forEach(function (report) {
      var section = document.createElement("section");
      section.className = "offline-report";
      section.setAttribute("aria-label", report.title || t("attention"));
      var title = document.createElement("h2");
      title.textContent = t("attention") + ": " + (report.title || "");
      section.appendChild(title);
      var list = document.createElement("ul");
      report.lines.forEach(function (text) {
        var item = document.createElement("li");
        item.textContent = text;
        list.appendChild(item);
      });
      section.appendChild(list);
      if (report.url) {
        var link = document.createElement("a");
        link.href = report.url;
        link.textContent = t("open");
        section.appendChild(link);
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "secondary";
      button.textContent = t("dismiss");
      button.addEventListener("click", function () {
        remove(REPORTS, report.id).then(function () { return render(); });
      });
      section.appendChild(button);
      holder.appendChild(section);
    });
  }

  // ------------------------------------------------------------------ sending

  function describe(entry) { // what was filled in, for a save that could not be made at all
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

  function reportFor(entry, answer) {
    var names = entry.names || {};
    var lines = [];
    if (answer.status === "gone" || answer.status === "invalid") {
      lines = lines.concat(answer.problems || []);
      lines.push(describe(entry));
      return { title: entry.title, url: answer.status === "invalid" ? entry.url : "", lines: lines };
    }
    if (answer.status !== "attention") { return null; }
    (answer.left_out || []).concat(answer.overlap || []).forEach(function (item) {
      lines.push((names[item.participant] || t("someone")) + " " + item.reason);
    });
    lines = lines.concat(answer.attention || []);
    lines = lines.concat(answer.messages || []);
    return { title: entry.title, url: entry.url, lines: lines };
  }

  function send(entry, csrf) {
    var body = new FormData();
    entry.pairs.forEach(function (p) {
      if (p[0] !== "csrfmiddlewaretoken") { body.append(p[0], p[1]); }
    });
    body.append("csrfmiddlewaretoken", csrf);
    return fetch(entry.url + "versturen/", {
      method: "POST",
      body: body,
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-CSRFToken": csrf, "Accept": "application/json" }
    }).then(function (response) {
      var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
      if (response.type === "opaqueredirect") { return { stop: "signed-out" }; }
      if (!json || response.status >= 500) { return { stop: "failed" }; }
      return response.json().then(function (answer) { return { answer: answer }; });
    });
  }

  function status(screens) {
    return fetch(STATUS_URL + (screens ? "?screens=1" : ""), { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.json(); });
  }

  function forgetScreens() {
    try { localStorage.removeItem(REFRESHED_KEY); } catch (e) { /* storage switched off */ }
    return window.caches ? caches.delete(SCREENS_CACHE) : Promise.resolve();
  }

  // Send every waiting save of the signed-in user, one by one. Resolves to the state.
  function syncAll() {
    if (syncing) { return syncing; }
    if (!navigator.onLine) { return render(); }
    var sentHere = false;
    syncing = all(OUTBOX).then(function (entries) {
      if (!entries.length) { return "idle"; } // nothing waits: no request at all
      return status(false).then(function (me) {
        if (!me.signed_in) { return forgetScreens().then(function () { return "signed-out"; }); }
        var mine = entries.filter(function (e) { return e.user === String(me.user); });
        if (!mine.length) { return "idle"; }
        render("sending");
        var chain = Promise.resolve("sent");
        mine.forEach(function (entry) {
          chain = chain.then(function (state) {
            if (state !== "sent") { return state; }
            return send(entry, me.csrf).then(function (outcome) {
              if (outcome.stop) { return outcome.stop; }
              var report = reportFor(entry, outcome.answer);
              lastSent += 1;
              sessionStorage.setItem(SENT_KEY, "1");
              var stored = outcome.answer.status === "saved" || outcome.answer.status === "attention";
              if (stored && entry.key === location.pathname) { sentHere = true; }
              return (report ? put(REPORTS, report) : Promise.resolve())
                .then(function () { return remove(OUTBOX, entry.key); })
                .then(function () { return "sent"; });
            });
          });
        });
        return chain;
      });
    }).catch(function () { return "failed"; }).then(function (state) {
      syncing = null;
      if (sentHere && SCREEN.test(location.pathname)) {
        // This screen's own save was sent: show what is stored now (merged with others).
        sessionStorage.setItem(SENT_KEY, "1");
        location.reload();
      }
      return render(state).then(function () { return state; });
    });
    return syncing;
  }

  // ------------------------------------------------------------------ the service worker

  function refreshScreens(force) {
    if (!("serviceWorker" in navigator) || !navigator.onLine) { return; }
    var last = 0;
    try { last = Number(localStorage.getItem(REFRESHED_KEY) || 0); } catch (e) { /* off */ }
    if (!force && Date.now() - last < REFRESH_MS) { return; }
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.active) { registration.active.postMessage({ type: "refresh" }); }
    });
  }

  // ------------------------------------------------------------------ the session screen

  function initScreen(form) {
    var timer = null;
    var keep = function (includePrefilled) {
      var entry = entryOf(form, includePrefilled);
      return put(OUTBOX, entry).then(function () { return render(); });
    };
    // Without a connection every change is kept at once (a reload or a closed browser loses
    // nothing); the save button keeps the form, including a "zelfde als vorige week" fill.
    var changed = function (event) {
      if (navigator.onLine || !event.isTrusted) { return; }
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { keep(false); }, 300);
    };
    form.addEventListener("change", changed);
    form.addEventListener("input", changed);
    document.addEventListener("submit", function (event) {
      if (event.target !== form || navigator.onLine) { return; }
      event.preventDefault();
      event.stopPropagation();
      window.clearTimeout(timer);
      form.querySelectorAll(".is-prefilled").forEach(function (row) { row.classList.remove("is-prefilled"); });
      var note = form.querySelector("[data-prefill-note]");
      if (note) { note.hidden = true; }
      keep(true);
    }, true);
    return all(OUTBOX).then(function (entries) {
      var entry = entries.filter(function (e) { return e.key === location.pathname; })[0];
      if (entry && !navigator.onLine) { applyEntry(form, entry); }
      return entry;
    }).catch(function () { return null; });
  }

  function init() {
    box = document.querySelector("[data-offline-status]");
    if (!box) { return; }
    var signedIn = box.getAttribute("data-user") !== "";
    var form = SCREEN.test(location.pathname) ? document.querySelector("form.session-form") : null;

    if (!signedIn) { // the server session has ended, or nobody signed in yet
      forgetScreens();
      if (navigator.serviceWorker && navigator.serviceWorker.controller) {
        navigator.serviceWorker.controller.postMessage({ type: "forget" });
      }
      render("signed-out");
      return;
    }
    if ("serviceWorker" in navigator && box.hasAttribute("data-offline-enabled")) {
      // Only a refresh that worked waits 30 minutes for the next; a failed one is retried.
      navigator.serviceWorker.addEventListener("message", function (event) {
        if (event.data && event.data.type === "refreshed") {
          try { localStorage.setItem(REFRESHED_KEY, String(Date.now())); } catch (e) { /* off */ }
        } else if (event.data && event.data.type === "refresh-failed") {
          window.setTimeout(function () { refreshScreens(true); }, RETRY_MS);
        }
      });
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function () {
        refreshScreens(false);
      }).catch(function () { /* no service worker: the site works online as before */ });
    }
    var screenEntry = form ? initScreen(form) : Promise.resolve(null);
    screenEntry.then(function () {
      return navigator.onLine ? syncAll() : render();
    }).then(function () {
      if (!lastSent) { sessionStorage.removeItem(SENT_KEY); }
    });

    window.addEventListener("online", function () { syncAll(); refreshScreens(true); });
    window.addEventListener("offline", function () { render(); });
    window.setInterval(function () {
      if (navigator.onLine) {
        all(OUTBOX).then(function (entries) { if (entries.length) { syncAll(); } });
      }
    }, RETRY_MS);

    // Logging out: send what waits first; the logout response removes everything stored.
    document.addEventListener("submit", function (event) {
      var target = event.target;
      if (!target.matches || !target.matches("form[action$='/uitloggen/']") || target.dataset.confirmed) { return; }
      event.preventDefault();
      syncAll().then(function () { return all(OUTBOX); }).then(function (entries) {
        if (!entries.length || window.confirm(t("logout-unsent"))) {
          target.dataset.confirmed = "1";
          target.submit();
        }
      }, function () { target.dataset.confirmed = "1"; target.submit(); });
    }, true);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
