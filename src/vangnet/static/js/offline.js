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

  var store = window.VangnetOffline;
  var OUTBOX = store.OUTBOX;
  var REPORTS = store.REPORTS;
  var all = store.all, put = store.put, remove = store.remove;
  var entryOf = store.entryOf, applyEntry = store.applyEntry;
  var SCREENS_CACHE = "vangnet-screens";
  var REFRESHED_KEY = "vangnet-offline-refreshed";
  var SENT_KEY = "vangnet-offline-sent";
  var REFRESH_MS = 30 * 60 * 1000;
  var RETRY_MS = 10 * 1000;
  var SAVE_TIMEOUT_MS = 20 * 1000;
  var SCREEN = /^\/netwerken\/(\d+)\/bijeenkomsten\/(\d+)\/$/;
  var STATUS_URL = "/netwerken/offline/status/";

  var box = null; // the status element of base.html
  var syncing = null;
  var lastSent = 0;

  function t(name) { return box ? box.getAttribute("data-t-" + name) || "" : ""; }

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
      if (state === "unreachable") { lines.push(t("unreachable")); }
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
      store.reports.show(box.querySelector("[data-offline-reports]"), found[1], t, function (sendNow) {
        return sendNow ? syncAll() : render();
      });
      box.hidden = lines.length === 0 && found[1].length === 0;
    }).catch(function () { /* no IndexedDB (private mode): nothing kept, nothing to show */ });
  }

  // ------------------------------------------------------------------ sending

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
              var report = store.reports.reportFor(entry, outcome.answer, t);
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

  // Online, Opslaan sends the form with fetch first. When Vangnet cannot be reached (a
  // network error, no answer in time, a server or gateway fault: "lie-fi") the form is kept
  // in the outbox like an offline save, instead of the browser's error page. An answer from
  // Vangnet is followed as the form's own would be: saved -> the screen with what followed;
  // not saved (a name to choose, errors) -> the form sent the usual way, to show that page.
  function saveOnline(form, notSent) {
    var button = form.querySelector("[data-save-button]");
    if (button) { button.disabled = true; }
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? window.setTimeout(function () { controller.abort(); }, SAVE_TIMEOUT_MS) : null;
    var failed = function (state) {
      window.clearTimeout(timer);
      if (button) { button.disabled = false; }
      return notSent(state);
    };
    return fetch(form.action || location.pathname, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-Vangnet-Save": "fetch" },
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      window.clearTimeout(timer);
      if (response.type === "opaqueredirect") { return failed("signed-out"); } // to sign-in
      if (response.status >= 500) { return failed("unreachable"); }
      var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
      if (json && response.ok) {
        return response.json().then(function (answer) {
          // Saved: what waited for this screen is in this save too.
          return remove(OUTBOX, location.pathname).catch(function () { return null; })
            .then(function () { location.assign(answer.url); });
        });
      }
      HTMLFormElement.prototype.submit.call(form); // nothing was saved: show Vangnet's answer
      return null;
    }, function () { return failed("unreachable"); });
  }

  function initScreen(form) {
    var timer = null;
    var queued = false; // a save that could not reach Vangnet waits for this screen
    var keep = function (includePrefilled, state) {
      var entry = entryOf(form, includePrefilled, box.getAttribute("data-user"));
      return put(OUTBOX, entry).then(function () { return render(state); }, function () {
        if (state) { // nothing can be kept on this device: say so, the form stays as it is
          box.querySelector("[data-offline-line]").textContent = t("not-kept");
          box.hidden = false;
        }
      });
    };
    // Without a connection every change is kept at once (a reload or a closed browser loses
    // nothing); the save button keeps the form, including a "zelfde als vorige week" fill.
    var changed = function (event) {
      if ((navigator.onLine && !queued) || !event.isTrusted) { return; }
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { keep(false); }, 300);
    };
    form.addEventListener("change", changed);
    form.addEventListener("input", changed);
    document.addEventListener("submit", function (event) {
      if (event.target !== form) { return; }
      event.preventDefault();
      event.stopPropagation();
      window.clearTimeout(timer);
      var prefilled = form.querySelectorAll(".is-prefilled");
      var keepAll = function (state) {
        queued = true;
        prefilled.forEach(function (row) { row.classList.remove("is-prefilled"); });
        var note = form.querySelector("[data-prefill-note]");
        if (note) { note.hidden = true; }
        return keep(true, state);
      };
      if (navigator.onLine) { saveOnline(form, keepAll); } else { keepAll(); }
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
