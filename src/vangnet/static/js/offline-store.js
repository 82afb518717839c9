// What offline.js keeps on the device (docs/offline.md; docs/privacy.md, "On the device"):
// the IndexedDB database "vangnet-offline" with the stores "outbox" (one waiting save per
// session screen, or per answered name question) and "reports" (what needs the worker's
// attention), and the session form as data (its fields as pairs, the number of changes).
// Used by offline-reports.js and offline.js through window.VangnetOffline.
(function () {
  "use strict";

  var DB_NAME = "vangnet-offline";
  var OUTBOX = "outbox";
  var REPORTS = "reports";

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
    // "Voor de buurt" (neighbourhood app): one change when the section differs from how
    // the screen showed it (buurt-base: its fields as the browser posts them).
    var base = pairs.filter(function (p) { return p[0] === "buurt-base"; })[0];
    if (base) {
      var section = pairs.filter(function (p) { return (/^buurt-/).test(p[0]) && p[0] !== "buurt-base"; });
      if (JSON.stringify(section) !== JSON.stringify(decodePairs(base[1]))) { count += 1; }
    }
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

  function entryOf(form, includePrefilled, user) {
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
      user: user,
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

  window.VangnetOffline = {
    OUTBOX: OUTBOX,
    REPORTS: REPORTS,
    all: all,
    put: put,
    remove: remove,
    changeCount: changeCount,
    entryOf: entryOf,
    applyEntry: applyEntry
  };
})();
