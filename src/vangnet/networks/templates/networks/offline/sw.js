// Vangnet's service worker, rendered by networks.sessions.offline_views.service_worker.
// It keeps exactly two things on the device (docs/privacy.md, "Op het apparaat"):
// - the static files a session screen needs (CSS, JavaScript, icons);
// - the session screens the server lists for this user (this week's and last week's sessions
//   of their own networks), each for at most {{ max_age_ms }} ms.
// Every other page, the API and any other response pass by untouched and are never stored.
// Pages are always asked of the server first; a stored screen is only shown without a
// connection.
"use strict";

var VERSION = "__VERSION__";
var STATIC_CACHE = "vangnet-static-" + VERSION;
var SCREENS_CACHE = "vangnet-screens";
var ASSETS = {{ assets_json|safe }};
var MAX_AGE_MS = {{ max_age_ms }};
var REFETCH_MS = 30 * 60 * 1000;
var STATUS_URL = "{{ status_url|escapejs }}";
var SCREEN = /^\/netwerken\/(\d+)\/bijeenkomsten\/(\d+)\/$/;
var THIS_WEEK = /^\/netwerken\/(\d+)\/deze-week\/$/;
var TEXT = {
  title: "{{ offline_title|escapejs }}",
  text: "{{ offline_text|escapejs }}",
  list: "{{ offline_list|escapejs }}",
  none: "{{ offline_none|escapejs }}",
  lang: "{{ language|escapejs }}"
};

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(STATIC_CACHE).then(function (cache) { return cache.addAll(ASSETS); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("vangnet-static-") === 0 && name !== STATIC_CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function storedAt(response) {
  return Number(response.headers.get("X-Vangnet-Stored") || 0);
}

function isFresh(response, age) {
  return Date.now() - storedAt(response) < age;
}

// A copy of a screen with what the offline page needs to know about it in its headers.
function stamped(response, meta) {
  return response.blob().then(function (body) {
    var headers = new Headers(response.headers);
    headers.set("X-Vangnet-Stored", String(Date.now()));
    headers.set("X-Vangnet-Network", String(meta.network));
    headers.set("X-Vangnet-Week", meta.week);
    headers.set("X-Vangnet-Label", encodeURIComponent(meta.label));
    return new Response(body, { status: 200, statusText: "OK", headers: headers });
  });
}

function metaOf(response) {
  return {
    network: response.headers.get("X-Vangnet-Network"),
    week: response.headers.get("X-Vangnet-Week"),
    label: decodeURIComponent(response.headers.get("X-Vangnet-Label") || "")
  };
}

// Raised when the stored screens are forgotten: a refresh still under way stores nothing.
var generation = 0;

function forgetScreens() {
  generation += 1;
  return caches.delete(SCREENS_CACHE);
}

// Ask the server which screens this user may keep; store those, drop every other one.
function refreshScreens() {
  var started = generation;
  var failed = false;
  return fetch(STATUS_URL + "?screens=1", { credentials: "same-origin", cache: "no-store" })
    .then(function (response) { return response.json(); })
    .then(function (status) {
      if (!status.signed_in) { return forgetScreens().then(function () { return 0; }); }
      if (generation !== started) { return 0; }
      return caches.open(SCREENS_CACHE).then(function (cache) {
        var wanted = {};
        status.screens.forEach(function (screen) {
          wanted[new URL(screen.url, self.location.origin).href] = screen;
        });
        return cache.keys().then(function (requests) {
          return Promise.all(requests.filter(function (request) {
            return !wanted[request.url];
          }).map(function (request) { return cache.delete(request); }));
        }).then(function () {
          // One after the other: a few screens, no burst of requests.
          return Object.keys(wanted).reduce(function (chain, url) {
            return chain.then(function () { return cache.match(url); }).then(function (old) {
              if (old && isFresh(old, REFETCH_MS)) { return null; }
              return fetch(url, { credentials: "same-origin", cache: "no-store" })
                .then(function (response) {
                  if (!response.ok) { failed = true; }
                  if (!response.ok || response.redirected || generation !== started) { return null; }
                  return stamped(response, wanted[url]).then(function (copy) {
                    return generation === started ? cache.put(url, copy) : null;
                  });
                });
            }).catch(function () { failed = true; });
          }, Promise.resolve());
        }).then(function () {
          if (failed) { throw new Error("not every screen could be kept"); }
          return status.screens.length;
        });
      });
    });
}

// The stored screens, or null: only a refresh creates the cache.
function storedCache() {
  return caches.has(SCREENS_CACHE).then(function (has) {
    return has ? caches.open(SCREENS_CACHE) : null;
  });
}

// An online visit of a stored screen refreshes its copy (never adds a new one).
function updateCopy(url, response) {
  return storedCache().then(function (cache) {
    if (!cache) { return null; }
    return cache.match(url).then(function (old) {
      if (!old) { return null; }
      return stamped(response, metaOf(old)).then(function (copy) { return cache.put(url, copy); });
    });
  });
}

function storedScreen(url) {
  return storedCache().then(function (cache) {
    if (!cache) { return null; }
    var week = THIS_WEEK.exec(url.pathname);
    if (week) {
      return cache.keys().then(function (requests) {
        return Promise.all(requests.map(function (request) {
          return cache.match(request).then(function (response) {
            return { url: request.url, response: response };
          });
        }));
      }).then(function (entries) {
        var hit = entries.filter(function (entry) {
          var meta = metaOf(entry.response);
          return meta.network === week[1] && meta.week === "this" &&
            isFresh(entry.response, MAX_AGE_MS);
        })[0];
        return hit ? Response.redirect(hit.url, 302) : null;
      });
    }
    return cache.match(url.href).then(function (response) {
      if (!response) { return null; }
      if (!isFresh(response, MAX_AGE_MS)) {
        return cache.delete(url.href).then(function () { return null; });
      }
      return response;
    });
  });
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
  });
}

// Without a connection and without a stored copy: a page that lists the stored screens.
function offlinePage() {
  return storedCache().then(function (cache) {
    if (!cache) { return []; }
    return cache.keys().then(function (requests) {
      return Promise.all(requests.map(function (request) {
        return cache.match(request).then(function (response) {
          return { url: request.url, response: response };
        });
      }));
    });
  }).then(function (entries) {
    var links = entries.filter(function (entry) {
      return isFresh(entry.response, MAX_AGE_MS);
    }).map(function (entry) {
      return "<li><a href=\"" + escapeHtml(new URL(entry.url).pathname) + "\">" +
        escapeHtml(metaOf(entry.response).label) + "</a></li>";
    });
    var css = ASSETS.filter(function (asset) { return /vangnet\.css$/.test(asset); })[0];
    var html = "<!DOCTYPE html><html lang=\"" + escapeHtml(TEXT.lang) + "\"><head>" +
      "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
      "<title>" + escapeHtml(TEXT.title) + " · Vangnet</title>" +
      "<link rel=\"stylesheet\" href=\"" + escapeHtml(css) + "\"></head><body>" +
      "<header class=\"site-header\"><span class=\"brand\">Vangnet</span></header>" +
      "<main id=\"main\"><h1>" + escapeHtml(TEXT.title) + "</h1><p>" + escapeHtml(TEXT.text) +
      "</p>" + (links.length ? "<p>" + escapeHtml(TEXT.list) + "</p><ul>" + links.join("") +
      "</ul>" : "<p>" + escapeHtml(TEXT.none) + "</p>") + "</main></body></html>";
    return new Response(html, {
      status: 503,
      headers: {
        "Content-Type": "text/html; charset=utf-8",
        "Content-Security-Policy": "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
        "Cache-Control": "no-store"
      }
    });
  });
}

function navigate(request, url) {
  return fetch(request).then(function (response) {
    if (SCREEN.test(url.pathname) && response.status === 200 && response.type === "basic") {
      return updateCopy(url.href, response.clone()).then(function () { return response; });
    }
    return response;
  }, function () {
    return storedScreen(url).then(function (copy) { return copy || offlinePage(); });
  });
}

function fromStatic(request) {
  return caches.open(STATIC_CACHE).then(function (cache) {
    return cache.match(request).then(function (hit) { return hit || fetch(request); });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (ASSETS.indexOf(url.pathname) !== -1) {
    event.respondWith(fromStatic(request));
  } else if (request.mode === "navigate") {
    event.respondWith(navigate(request, url));
  }
});

self.addEventListener("message", function (event) {
  var data = event.data || {};
  var reply = function (message) {
    if (event.source) { event.source.postMessage(message); }
  };
  if (data.type === "refresh") {
    event.waitUntil(refreshScreens().then(function (count) {
      reply({ type: "refreshed", count: count });
    }, function () { reply({ type: "refresh-failed" }); }));
  } else if (data.type === "forget") {
    event.waitUntil(forgetScreens().then(function () { reply({ type: "forgotten" }); }));
  }
});
