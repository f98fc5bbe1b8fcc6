/* eventwire dashboard: reads only the public JSON API (/api/...). No external URLs, no build step. */
(function () {
  "use strict";

  var FILTERS = ["date_from", "date_to", "country", "admin1", "event_type", "sub_event_type", "actor", "weapon", "q",
    "min_fatalities", "min_confidence"];
  // the weapons eventwire extracts (eventwire.model.WEAPONS), offered as suggestions
  var WEAPONS = ["rocket", "missile", "mortar", "artillery", "drone", "aircraft", "ied", "suicide", "grenade",
    "firearm", "knife", "vehicle", "chemical", "other"];
  var COLORS = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Protests": "#2ca02c",
    "Riots": "#8c564b",
    "Strategic developments": "#1f77b4"
  };
  var OTHER = "#7f7f7f";
  // at most this many events are loaded into the page (map, table, timeline); ?max_events=N lowers it
  var MAX_EVENTS = (function () {
    var n = parseInt(new URLSearchParams(location.search).get("max_events"), 10);
    return n > 0 && n < 5000 ? n : 5000;
  })();
  // seconds between checks for new events; ?poll=N changes it, ?poll=0 turns it off
  var POLL_SECONDS = (function () {
    var v = new URLSearchParams(location.search).get("poll");
    var n = v === null ? 30 : Number(v);
    return isFinite(n) && n >= 0 ? n : 30;
  })();
  var CLUSTER_BELOW_ZOOM = 5;
  var CLUSTER_PX = 40;

  var state = {};
  var selected = null;
  var shown = [];        // events on the map and in the table
  var timelineEvents = []; // events matching every filter but the dates
  var map, countryLayer, labelLayer, markerLayer;
  var labelRequest = 0; // the latest labels request: older answers are dropped
  var loadSeq = 0;
  var live = false;        // reload by itself when new events arrive
  var seen = null;         // ids of the events loaded before the last reload; null: nothing to compare with
  var fresh = {};          // ids of the events new in the last reload (highlighted)
  var esc = { open: false, a: "", b: "" }; // the escalation section: open?, the two sides
  var escSeq = 0;
  var lastEscalation = null; // the escalation shown, redrawn at a new window size
  var base = null;         // {articles, events, total} as of the last load, for the poll to compare with
  // analysts' review: the section open?, the server accepts corrections?, the token (this tab only: never a
  // cookie), the queue shown and the request that filled it
  var reviewUi = { open: false, enabled: false, token: sessionStorage.getItem("eventwire-review-token") || "",
    queue: [], seq: 0 };

  function color(type) { return COLORS[type] || OTHER; }

  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "text") node.textContent = attrs[k];
        else if (k === "cls") node.className = attrs[k];
        else node.setAttribute(k, attrs[k]);
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c !== null && c !== undefined) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return node;
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error((body.error && body.error.message) || ("HTTP " + r.status));
        return body;
      });
    });
  }

  function query(params) {
    var sp = new URLSearchParams();
    Object.keys(params).forEach(function (k) {
      if (params[k] !== undefined && params[k] !== null && params[k] !== "") sp.set(k, params[k]);
    });
    return sp.toString();
  }

  // ---- permalink: the filter state and the selected event live in the URL hash ----
  function readHash() {
    var sp = new URLSearchParams(location.hash.replace(/^#/, ""));
    state = {};
    FILTERS.forEach(function (k) { if (sp.get(k)) state[k] = sp.get(k); });
    selected = sp.get("event") || null;
    live = sp.get("live") === "1";
    esc.open = sp.get("esc") === "1";
    esc.a = sp.get("actor_a") || "";
    esc.b = sp.get("actor_b") || "";
    reviewUi.open = sp.get("review") === "1";
  }

  // the hash of the current view, with event `eventId` selected
  function hashFor(eventId) {
    var params = {};
    FILTERS.forEach(function (k) { params[k] = state[k]; });
    params.event = eventId;
    params.live = live ? "1" : null;
    params.esc = esc.open ? "1" : null;
    params.actor_a = esc.open ? esc.a : null;
    params.actor_b = esc.open ? esc.b : null;
    params.review = reviewUi.open ? "1" : null;
    return query(params);
  }

  // `push`: a new view (filters applied, an event opened or closed) is a new history entry, so Back returns to the
  // view before it; other changes (live, the escalation section) replace the current entry
  // the Download menu saves exactly the events of the current filters (GET /api/export)
  function updateDownloads() {
    document.querySelectorAll("#download a[data-format]").forEach(function (a) {
      var params = {};
      FILTERS.forEach(function (k) { params[k] = state[k]; });
      params.format = a.getAttribute("data-format");
      a.setAttribute("href", "/api/export?" + query(params));
    });
  }

  function writeHash(push) {
    updateDownloads();
    var h = hashFor(selected);
    if (h === location.hash.replace(/^#/, "")) return;
    var url = location.pathname + location.search + (h ? "#" + h : "");
    if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
  }

  // Back, Forward, or a link pasted into this tab: show the view the URL names
  function applyHash() {
    if (location.hash.replace(/^#/, "") === hashFor(selected)) return;
    var before = selected;
    readHash();
    syncForm();
    document.getElementById("live").checked = live;
    var details = document.getElementById("escalation"), escForm = document.getElementById("esc-form");
    escForm.elements.actor_a.value = esc.a;
    escForm.elements.actor_b.value = esc.b;
    details.open = esc.open;
    document.getElementById("review").open = reviewUi.open;
    load().then(function () {
      if (selected) select(selected);
      else if (before) closePanel();
    });
  }

  function syncForm() {
    var form = document.getElementById("filters");
    FILTERS.forEach(function (k) { form.elements[k].value = state[k] || ""; });
  }

  function readForm() {
    var form = document.getElementById("filters");
    state = {};
    FILTERS.forEach(function (k) { var v = form.elements[k].value.trim(); if (v) state[k] = v; });
  }

  // ---- data ----
  // every matching event up to MAX_EVENTS, and how many match in all (the API's total, from the first page)
  function fetchAll(params) {
    var out = [], total = null;
    function page(cursor) {
      var p = Object.assign({}, params, { limit: Math.min(1000, MAX_EVENTS - out.length), cursor: cursor });
      return getJSON("/api/events?" + query(p)).then(function (body) {
        out = out.concat(body.events);
        if (total === null) total = body.total;
        if (body.next_cursor && out.length < MAX_EVENTS) return page(body.next_cursor);
        return { events: out, total: total === null ? out.length : total };
      });
    }
    return page(null);
  }

  function fmt(n) { return Number(n).toLocaleString("en-US"); }

  function showCap(mapRes, timelineRes) {
    var notice = document.getElementById("cap-notice");
    var parts = [];
    if (mapRes.total > mapRes.events.length) {
      parts.push("Showing " + fmt(mapRes.events.length) + " of " + fmt(mapRes.total) +
        " matching events on the map and in the table (the dashboard loads at most " + fmt(MAX_EVENTS) +
        "): narrow the filters, or export them all.");
    }
    if (timelineRes.total > timelineRes.events.length) {
      parts.push("The timeline counts the first " + fmt(timelineRes.events.length) + " of " +
        fmt(timelineRes.total) + " events.");
    }
    notice.textContent = parts.join(" ");
    notice.hidden = !parts.length;
  }

  function load() {
    var seq = ++loadSeq;
    writeHash(true);
    var noDates = Object.assign({}, state);
    delete noDates.date_from; delete noDates.date_to;
    var summary = document.getElementById("summary");
    summary.textContent = "Loading…";
    return Promise.all([fetchAll(state), fetchAll(noDates), getJSON("/api/stats?" + query(state)),
      getJSON("/api/health")])
      .then(function (res) {
        if (seq !== loadSeq) return;
        shown = res[0].events;
        fresh = {};
        if (seen) shown.forEach(function (e) { if (!seen[e.id]) fresh[e.id] = true; });
        seen = null;
        base = { articles: res[3].articles, events: res[3].events, total: res[0].total };
        hideLiveNotice();
        timelineEvents = res[1].events;
        var stats = res[2];
        summary.textContent = fmt(res[0].total) + " events, " + fmt(stats.fatalities) + " deaths" +
          (shown.length < res[0].total ? " (" + fmt(shown.length) + " loaded)" : "");
        showCap(res[0], res[1]);
        drawMarkers(true);
        drawTimeline();
        drawTable();
        document.body.setAttribute("data-loaded", String(seq));
        if (esc.open) loadEscalation();
        if (reviewUi.open) loadQueue();
        reviewUi.enabled = !!res[3].review;
        showReviewMode();
      })
      .catch(function (err) {
        if (seq !== loadSeq) return;
        summary.textContent = "";
        summary.appendChild(el("span", { cls: "error", text: "Error: " + err.message }));
      });
  }

  function loadOptions() {
    return getJSON("/api/stats").then(function (stats) {
      var form = document.getElementById("filters");
      [["country", stats.by_country], ["event_type", stats.by_event_type]].forEach(function (pair) {
        var select = form.elements[pair[0]];
        pair[1].forEach(function (b) {
          if (b.key) select.appendChild(el("option", { value: b.key, text: b.key + " (" + b.events + ")" }));
        });
      });
      var subTypes = form.elements.sub_event_type;
      (stats.by_sub_event_type || []).filter(function (b) { return b.key; })
        .sort(function (a, b) { return a.key < b.key ? -1 : a.key > b.key ? 1 : 0; })
        .forEach(function (b) {
          subTypes.appendChild(el("option", { value: b.key, text: b.key + " (" + b.events + ")" }));
        });
      var regions = form.elements.admin1, seen = {};
      stats.by_admin1.filter(function (b) { return b.key; })
        .sort(function (a, b) { return a.key < b.key ? -1 : a.key > b.key ? 1 : 0; })
        .forEach(function (b) {
          if (seen[b.key]) return; // the same name in two countries: one option (the filter matches both)
          seen[b.key] = true;
          regions.appendChild(el("option", { value: b.key,
            text: b.key + (b.country ? ", " + b.country : "") + " (" + b.events + ")" }));
        });
      var weapons = document.getElementById("weapons");
      WEAPONS.forEach(function (w) { weapons.appendChild(el("option", { value: w })); });
      var legend = document.getElementById("legend");
      stats.by_event_type.forEach(function (b) {
        var sw = el("span", { cls: "sw" });
        sw.style.background = color(b.key);
        legend.appendChild(el("div", null, sw, b.key || "unknown"));
      });
    });
  }

  // ---- map ----
  function initMap() {
    map = L.map("map", { worldCopyJump: true, attributionControl: false, minZoom: 1, maxZoom: 12 })
      .setView([25, 30], 2);
    // countries below the place names, and both below the events (in Leaflet's overlay pane, z-index 400)
    map.createPane("countries").style.zIndex = 300;
    map.createPane("labels").style.zIndex = 350;
    map.getPane("labels").style.pointerEvents = "none";
    countryLayer = L.layerGroup().addTo(map);
    labelLayer = L.layerGroup().addTo(map);
    markerLayer = L.layerGroup().addTo(map);
    map.on("zoomend", function () { drawMarkers(false); });
    map.on("moveend", debounce(loadLabels, 150));
    getJSON("/static/vendor/world-atlas/countries-110m.json").then(function (topo) {
      L.geoJSON(topojson.feature(topo, topo.objects.countries), {
        pane: "countries",
        style: { color: "#8a8a8a", weight: 0.7, fillColor: "#f2efe6", fillOpacity: 1 },
        interactive: false
      }).addTo(countryLayer);
    });
    loadLabels();
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  // ---- place names (from the server's offline gazetteer) ----
  function wrapLon(lon) { return ((lon + 180) % 360 + 360) % 360 - 180; }

  function loadLabels() {
    var b = map.getBounds(), zoom = map.getZoom();
    var west = b.getWest(), east = b.getEast();
    var whole = east - west >= 360;
    var bbox = [whole ? -180 : wrapLon(west), Math.max(-90, b.getSouth()),
                whole ? 180 : wrapLon(east), Math.min(90, b.getNorth())]
      .map(function (v) { return v.toFixed(2); }).join(",");
    var request = ++labelRequest;
    getJSON("/api/map/labels?bbox=" + bbox + "&zoom=" + zoom).then(function (body) {
      if (request === labelRequest) drawLabels(body.labels);
    }, function () { /* names are a nicety: the map works without them */ });
  }

  // Which names win where two would overlap: countries first on world views, capitals first once regions show
  // (a capital sits near its country's centre often enough to hide it).
  var LABEL_RANK = { country: 0, capital: 1, region: 2, town: 3 };
  var LABEL_RANK_NEAR = { capital: 0, country: 1, region: 2, town: 3 };
  function labelRank(label) {
    return (map.getZoom() >= 5 ? LABEL_RANK_NEAR : LABEL_RANK)[label.capital ? "capital" : label.kind];
  }

  function drawLabels(labels) {
    labelLayer.clearLayers();
    var placed = []; // screen boxes of the names drawn: a name that would overlap one is left out
    var center = map.getCenter().lng;
    labels.slice().sort(function (a, b) {
      return labelRank(a) - labelRank(b) || b.population - a.population;
    }).forEach(function (label) {
      var lng = label.longitude;
      while (lng - center > 180) lng -= 360; // the copy of the world in view
      while (center - lng > 180) lng += 360;
      var p = map.latLngToContainerPoint([label.latitude, lng]);
      var width = label.name.length * (label.kind === "town" ? 6.5 : 7.5) + 6, height = 15;
      var box = { x0: p.x - width / 2, x1: p.x + width / 2, y0: p.y - height / 2, y1: p.y + height / 2 };
      var clash = placed.some(function (o) { return box.x0 < o.x1 && o.x0 < box.x1 && box.y0 < o.y1 && o.y0 < box.y1; });
      if (clash) return;
      placed.push(box);
      var marker = L.marker([label.latitude, lng], {
        pane: "labels", interactive: false, keyboard: false,
        icon: L.divIcon({ className: "ew-label ew-label-" + label.kind + (label.capital ? " ew-label-capital" : ""),
                          html: "", iconSize: [0, 0] })
      }).addTo(labelLayer);
      // (Leaflet moves the icon with its own transform: the name inside is what gets centred on the point)
      marker.getElement().appendChild(el("span", null, label.name));
    });
  }

  function radius(e) { return 5 + Math.min(15, Math.sqrt(e.fatalities || 0) * 2); }

  function drawMarkers(fit) {
    markerLayer.clearLayers();
    var located = shown.filter(function (e) { return e.latitude !== null && e.longitude !== null; });
    if (fit && located.length) {
      var bounds = L.latLngBounds(located.map(function (e) { return [e.latitude, e.longitude]; }));
      map.fitBounds(bounds.pad(0.2), { maxZoom: 7 });
    }
    var cells = {};
    located.forEach(function (e) {
      var key = e.id;
      if (map.getZoom() < CLUSTER_BELOW_ZOOM) {
        var p = map.project([e.latitude, e.longitude]);
        key = Math.floor(p.x / CLUSTER_PX) + ":" + Math.floor(p.y / CLUSTER_PX);
      }
      (cells[key] = cells[key] || []).push(e);
    });
    Object.keys(cells).forEach(function (key) {
      var group = cells[key];
      if (group.length === 1) {
        var e = group[0];
        L.circleMarker([e.latitude, e.longitude], {
          radius: radius(e), color: "#fff", weight: 1, fillColor: color(e.event_type), fillOpacity: 0.85,
          className: "ew-marker ew-event-" + e.id + (fresh[e.id] ? " ew-new" : "")
        }).bindTooltip(e.event_date + " · " + e.event_type + (e.location ? " · " + e.location : ""))
          .on("click", function () { select(e.id); })
          .addTo(markerLayer);
        return;
      }
      var lat = 0, lon = 0;
      group.forEach(function (g) { lat += g.latitude; lon += g.longitude; });
      var size = 22 + Math.min(24, Math.sqrt(group.length) * 4);
      var icon = L.divIcon({
        className: "ew-cluster", iconSize: [size, size],
        html: "<div style=\"width:" + size + "px;height:" + size + "px;line-height:" + (size - 4) + "px\">" +
          group.length + "</div>"
      });
      var center = [lat / group.length, lon / group.length];
      L.marker(center, { icon: icon, title: group.length + " events" })
        .on("click", function () {
          map.fitBounds(L.latLngBounds(group.map(function (g) { return [g.latitude, g.longitude]; })).pad(0.3),
            { maxZoom: CLUSTER_BELOW_ZOOM + 1 });
        })
        .addTo(markerLayer);
    });
  }

  // ---- timeline (SVG, stacked by event type, brushable) ----
  function dayNum(s) { return Math.floor(Date.parse(s + "T00:00:00Z") / 86400000); }
  function dayStr(n) { return new Date(n * 86400000).toISOString().slice(0, 10); }

  var tl = null; // geometry of the drawn timeline

  function drawTimeline() {
    var box = document.getElementById("timeline");
    box.textContent = "";
    var dated = timelineEvents.filter(function (e) { return e.event_date; });
    if (!dated.length) { box.textContent = "No dated events."; tl = null; return; }
    var days = dated.map(function (e) { return dayNum(e.event_date); });
    var d0 = Math.min.apply(null, days), d1 = Math.max.apply(null, days);
    var n = d1 - d0 + 1;
    var counts = {}, types = [];
    dated.forEach(function (e) {
      var d = dayNum(e.event_date);
      counts[d] = counts[d] || {};
      counts[d][e.event_type] = (counts[d][e.event_type] || 0) + 1;
      if (types.indexOf(e.event_type) < 0) types.push(e.event_type);
    });
    types.sort();
    var maxCount = 1;
    Object.keys(counts).forEach(function (d) {
      var s = 0; Object.keys(counts[d]).forEach(function (t) { s += counts[d][t]; });
      maxCount = Math.max(maxCount, s);
    });
    var W = Math.max(300, box.clientWidth || 800), H = 120, top = 6, bottom = 18, left = 28, right = 8;
    var bw = (W - left - right) / n, ph = H - top - bottom;
    var parts = [];
    parts.push("<svg viewBox=\"0 0 " + W + " " + H + "\" width=\"" + W + "\" height=\"" + H + "\" role=\"img\">");
    parts.push("<text x=\"2\" y=\"" + (top + 10) + "\" font-size=\"10\">" + maxCount + "</text>");
    parts.push("<line x1=\"" + left + "\" x2=\"" + (W - right) + "\" y1=\"" + (H - bottom) + "\" y2=\"" + (H - bottom) +
      "\" stroke=\"#999\"/>");
    Object.keys(counts).forEach(function (dk) {
      var d = Number(dk), y = H - bottom;
      types.forEach(function (t) {
        var c = counts[dk][t] || 0;
        if (!c) return;
        var h = c / maxCount * ph;
        y -= h;
        parts.push("<rect class=\"bar\" x=\"" + (left + (d - d0) * bw + 0.5).toFixed(2) + "\" y=\"" + y.toFixed(2) +
          "\" width=\"" + Math.max(1, bw - 1).toFixed(2) + "\" height=\"" + h.toFixed(2) + "\" fill=\"" + color(t) +
          "\"><title>" + dayStr(d) + " " + escapeXml(t) + ": " + c + "</title></rect>");
      });
    });
    var ticks = Math.min(n, 8);
    for (var i = 0; i < ticks; i++) {
      var d = d0 + Math.round(i * (n - 1) / Math.max(1, ticks - 1));
      parts.push("<text x=\"" + (left + (d - d0 + 0.5) * bw).toFixed(2) + "\" y=\"" + (H - 4) +
        "\" font-size=\"10\" text-anchor=\"middle\">" + dayStr(d) + "</text>");
    }
    parts.push("<rect class=\"brush\" x=\"0\" y=\"" + top + "\" width=\"0\" height=\"" + ph +
      "\" fill=\"rgba(30,100,200,.15)\" stroke=\"#1e64c8\" visibility=\"hidden\"/>");
    parts.push("</svg>");
    box.innerHTML = parts.join("");
    tl = { svg: box.querySelector("svg"), W: W, left: left, right: right, bw: bw, d0: d0, d1: d1 };
    showBrush();
  }

  function escapeXml(s) {
    return String(s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[c]; });
  }

  function svgX(evt) {
    var r = tl.svg.getBoundingClientRect();
    return (evt.clientX - r.left) * tl.W / r.width;
  }
  function xToDay(x) {
    return Math.max(tl.d0, Math.min(tl.d1, tl.d0 + Math.floor((x - tl.left) / tl.bw)));
  }
  function setBrush(x0, x1) {
    var b = tl.svg.querySelector(".brush");
    b.setAttribute("x", Math.min(x0, x1));
    b.setAttribute("width", Math.abs(x1 - x0));
    b.setAttribute("visibility", "visible");
  }
  function showBrush() {
    if (!tl || (!state.date_from && !state.date_to)) return;
    var a = state.date_from ? dayNum(state.date_from) : tl.d0, z = state.date_to ? dayNum(state.date_to) : tl.d1;
    setBrush(tl.left + (a - tl.d0) * tl.bw, tl.left + (z - tl.d0 + 1) * tl.bw);
  }

  function initBrush() {
    var box = document.getElementById("timeline");
    var start = null;
    box.addEventListener("mousedown", function (evt) {
      if (!tl) return;
      evt.preventDefault();
      start = svgX(evt);
      setBrush(start, start);
    });
    window.addEventListener("mousemove", function (evt) {
      if (start !== null) setBrush(start, svgX(evt));
    });
    window.addEventListener("mouseup", function (evt) {
      if (start === null) return;
      var end = svgX(evt), x0 = Math.min(start, end), x1 = Math.max(start, end);
      start = null;
      if (x1 - x0 < 3) {
        delete state.date_from; delete state.date_to;
      } else {
        state.date_from = dayStr(xToDay(x0));
        state.date_to = dayStr(xToDay(x1));
      }
      syncForm();
      load();
    });
  }

  // ---- table ----
  function drawTable() {
    var tbody = document.querySelector("#events tbody");
    tbody.textContent = "";
    shown.forEach(function (e) {
      var tr = el("tr", { "data-id": e.id },
        el("td", { text: e.event_date || "" }), el("td", { text: e.event_type }),
        el("td", { text: e.sub_event_type || "" }), el("td", { text: e.location || "" }),
        el("td", { text: e.country || "" }), el("td", { text: e.actor1 || "" }), el("td", { text: e.actor2 || "" }),
        el("td", { text: e.fatalities === null ? "" : String(e.fatalities) }));
      if (e.id === selected) tr.classList.add("selected");
      if (fresh[e.id]) tr.classList.add("new");
      tr.addEventListener("click", function () { select(e.id); });
      tbody.appendChild(tr);
    });
  }

  // ---- live updates: poll the store's counts; when events matching the filters were added, offer them ----
  function reloadWithNew() {
    seen = {};
    shown.forEach(function (e) { seen[e.id] = true; });
    return load();
  }

  function hideLiveNotice() { document.getElementById("live-notice").hidden = true; }

  function showLiveNotice(n) {
    var notice = document.getElementById("live-notice");
    notice.textContent = "";
    var btn = el("button", { type: "button", id: "live-show", text: "show" });
    btn.addEventListener("click", reloadWithNew);
    notice.appendChild(document.createTextNode(fmt(n) + " new event" + (n === 1 ? "" : "s") + " — "));
    notice.appendChild(btn);
    notice.hidden = false;
  }

  function poll() {
    if (!base) return Promise.resolve();
    var seq = loadSeq;
    return getJSON("/api/health").then(function (health) {
      if (seq !== loadSeq || !base) return null;
      if (health.articles === base.articles && health.events === base.events) return null;
      // the store changed: how many events match the filters now?
      return getJSON("/api/events?" + query(Object.assign({}, state, { limit: 1, total: "true" })))
        .then(function (page) {
          if (seq !== loadSeq || !base) return;
          var n = page.total - base.total;
          if (n <= 0) { base.articles = health.articles; base.events = health.events; return; }
          if (live) reloadWithNew();
          else showLiveNotice(n);
        });
    }).catch(function () { /* the next poll tries again */ });
  }

  function startPolling() {
    if (!(POLL_SECONDS > 0)) return;
    (function tick() {
      setTimeout(function () { poll().then(tick, tick); }, POLL_SECONDS * 1000);
    })();
  }

  // ---- escalation: weekly counts by direction, the change point, pivots and the sequence of linked events ----
  var SIDE_COLORS = { a_to_b: "#c0392b", b_to_a: "#2471a3", other: "#b0b0b0", total: "#546e7a" };
  var DIRECTIONS = { "a>b": "A → B", "b>a": "B → A" };

  function loadEscalation() {
    var seq = ++escSeq;
    var out = document.getElementById("esc-body");
    if (!!esc.a !== !!esc.b) {
      out.textContent = "";
      out.appendChild(el("p", { cls: "error", text: "Give both sides, or neither." }));
      return Promise.resolve();
    }
    out.textContent = "Loading…";
    var params = Object.assign({}, state, { actor_a: esc.a, actor_b: esc.b });
    return getJSON("/api/escalation?" + query(params)).then(function (data) {
      if (seq !== escSeq) return;
      lastEscalation = data;
      renderEscalation(out, data);
      document.body.setAttribute("data-escalation", String(seq));
    }).catch(function (err) {
      if (seq !== escSeq) return;
      out.textContent = "";
      out.appendChild(el("p", { cls: "error", text: "Error: " + err.message }));
    });
  }

  // a rate as the summary lines write it: at most two decimals, at least one (0.0, 1.25, 3.0)
  function rate(x) {
    var t = String(Math.round(Number(x) * 100) / 100);
    return t.indexOf(".") < 0 ? t + ".0" : t;
  }

  function weekOf(weeks, day) {
    var found = null;
    weeks.forEach(function (w, i) { if (w.week <= day) found = i; });
    return found;
  }

  function drawWeekly(weekly, sides, changePoint, pivots) {
    var box = el("div", { id: "esc-chart" });
    if (!weekly.length) { box.textContent = "No dated events."; return box; }
    var W = Math.max(300, (document.getElementById("escalation").clientWidth || 800) - 24), H = 130;
    var top = 14, bottom = 18, left = 28, right = 8, ph = H - top - bottom;
    var bw = (W - left - right) / weekly.length;
    var max = 1;
    weekly.forEach(function (w) { max = Math.max(max, w.events); });
    var parts = ["<svg viewBox=\"0 0 " + W + " " + H + "\" width=\"" + W + "\" height=\"" + H + "\" role=\"img\">",
      "<text x=\"2\" y=\"" + (top + 10) + "\" font-size=\"10\">" + max + "</text>",
      "<line x1=\"" + left + "\" x2=\"" + (W - right) + "\" y1=\"" + (H - bottom) + "\" y2=\"" + (H - bottom) +
      "\" stroke=\"#999\"/>"];
    weekly.forEach(function (w, i) {
      var stack = sides ? [["a_to_b", w.a_to_b], ["b_to_a", w.b_to_a], ["other", w.events - w.a_to_b - w.b_to_a]]
        : [["total", w.events]];
      var y = H - bottom;
      stack.forEach(function (part) {
        if (part[1] <= 0) return;
        var h = part[1] / max * ph;
        y -= h;
        parts.push("<rect class=\"esc-bar " + part[0] + "\" data-week=\"" + w.week + "\" x=\"" +
          (left + i * bw + 0.5).toFixed(2) + "\" y=\"" + y.toFixed(2) + "\" width=\"" +
          Math.max(1, bw - 1).toFixed(2) + "\" height=\"" + h.toFixed(2) + "\" fill=\"" + SIDE_COLORS[part[0]] +
          "\"><title>week of " + w.week + ": " + part[1] + " " + escapeXml(barLabel(part[0], sides)) +
          (part[0] === "total" ? ", " + w.fatalities + " deaths" : "") + "</title></rect>");
      });
    });
    if (changePoint) {
      var ci = weekOf(weekly, changePoint.week);
      if (ci !== null) {
        var cx = (left + ci * bw).toFixed(2);
        parts.push("<line class=\"change-point\" x1=\"" + cx + "\" x2=\"" + cx + "\" y1=\"" + (top - 4) +
          "\" y2=\"" + (H - bottom) + "\" stroke=\"#333\" stroke-dasharray=\"4 3\"><title>change point: " +
          rate(changePoint.before_per_week) + " → " + rate(changePoint.after_per_week) + " per week</title></line>");
      }
    }
    pivots.forEach(function (p) {
      var pi = weekOf(weekly, p.event_date || "");
      if (pi === null) return;
      var px = left + (pi + 0.5) * bw;
      parts.push("<path class=\"pivot\" d=\"M" + (px - 5).toFixed(2) + " 2 L" + (px + 5).toFixed(2) + " 2 L" +
        px.toFixed(2) + " 10 Z\" fill=\"#e67e22\"><title>pivot: " + escapeXml(eventLabel(p)) + "</title></path>");
    });
    var ticks = Math.min(weekly.length, 6);
    for (var t = 0; t < ticks; t++) {
      var i = Math.round(t * (weekly.length - 1) / Math.max(1, ticks - 1));
      parts.push("<text x=\"" + (left + (i + 0.5) * bw).toFixed(2) + "\" y=\"" + (H - 4) +
        "\" font-size=\"10\" text-anchor=\"middle\">" + weekly[i].week + "</text>");
    }
    parts.push("</svg>");
    box.innerHTML = parts.join("");
    var legend = el("div", { cls: "esc-legend" });
    (sides ? ["a_to_b", "b_to_a", "other"] : ["total"]).forEach(function (k) {
      var sw = el("span", { cls: "sw" });
      sw.style.background = SIDE_COLORS[k];
      legend.appendChild(el("span", null, sw, barLabel(k, sides)));
    });
    legend.appendChild(el("span", { cls: "hint", text: "dashed line: change point; ▼ pivot" }));
    box.appendChild(legend);
    return box;
  }

  function barLabel(key, sides) {
    if (key === "a_to_b") return sides.a + " → " + sides.b;
    if (key === "b_to_a") return sides.b + " → " + sides.a;
    if (key === "other") return "other";
    return "events";
  }

  function redrawEscalation() {
    if (esc.open && lastEscalation) renderEscalation(document.getElementById("esc-body"), lastEscalation);
  }

  function renderEscalation(out, data) {
    out.textContent = "";
    var ul = el("ul", { id: "esc-summary" });
    data.summary.forEach(function (line) { ul.appendChild(el("li", { text: line })); });
    out.appendChild(ul);
    if (data.truncated) {
      out.appendChild(el("p", { cls: "hint", text: "Only the newest " + data.limit.toLocaleString("en") +
        " events of the selection are counted: narrow the filters to see earlier ones." }));
    }
    out.appendChild(drawWeekly(data.weekly, data.sides, data.change_point, data.pivots));
    if (data.change_point) {
      var cp = data.change_point;
      out.appendChild(el("p", { id: "esc-change", text: "Change point: from the week of " + cp.week + ", " +
        rate(cp.before_per_week) + " → " + rate(cp.after_per_week) + " events per week (likelihood-ratio test, " +
        (cp.p_value < 0.001 ? "p < 0.001" : "p = " + cp.p_value.toFixed(3)) + ")." }));
    }
    var number = {};
    data.events.forEach(function (e, i) { number[e.id] = i + 1; });
    if (data.pivots.length) {
      var pl = el("ul", { id: "esc-pivots" });
      data.pivots.forEach(function (p) {
        var n = p.linked_events.length;
        var name = (number[p.event_id] ? "#" + number[p.event_id] + " " : "") + eventLabel(p);
        pl.appendChild(el("li", null, eventLink(p.event_id, name), (p.actor1 ? " (" + p.actor1 + ")" : "") + ": " +
          n + " linked event" + (n === 1 ? "" : "s") + "; " + rate(p.before_per_week) + " per week in the " +
          p.window_weeks + " weeks before, " + rate(p.after_per_week) + " after"));
      });
      out.appendChild(el("h4", { text: "Pivots (events others followed or answered)" }));
      out.appendChild(pl);
    }
    var table = el("table", { id: "esc-events" });
    table.appendChild(el("thead", null, el("tr", null, el("th", { text: "#" }), el("th", { text: "Date" }),
      el("th", { text: "Side" }), el("th", { text: "Event" }), el("th", { text: "Actor 1" }),
      el("th", { text: "Location" }), el("th", { text: "Deaths" }), el("th", { text: "Claims" }),
      el("th", { text: "Links" }))));
    var tbody = el("tbody");
    data.events.forEach(function (e, i) {
      var links = el("td", { cls: "links" });
      e.relations.forEach(function (r, k) {
        if (k) links.appendChild(document.createTextNode("; "));
        links.appendChild(document.createTextNode((RELATION_WORDS[r.kind] || r.kind) + " "));
        if (r.event_id) {
          links.appendChild(eventLink(r.event_id, number[r.event_id] ? "#" + number[r.event_id] : r.event_id));
        } else {
          links.appendChild(document.createTextNode("an unstored incident"));
        }
        if (hasInterval(r)) links.appendChild(document.createTextNode(" (" + r.interval_days + " d)"));
      });
      var tr = el("tr", { "data-id": e.id }, el("td", { text: "#" + (i + 1) }), el("td", { text: e.event_date || "" }),
        el("td", { text: DIRECTIONS[e.direction] || "" }), el("td", { text: e.sub_event_type || e.event_type }),
        el("td", { text: e.actor1 || "" }), el("td", { text: e.location || "" }),
        el("td", { text: e.fatalities === null ? "" : String(e.fatalities) }),
        el("td", { text: e.claims.map(claimText).join("; ") }), links);
      tr.addEventListener("click", function (evt) {
        if (evt.target.closest("a")) return;
        select(e.id);
      });
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    out.appendChild(el("h4", { text: "Sequence (" + data.events.length + " events)" }));
    out.appendChild(table);
  }

  function initEscalation() {
    var details = document.getElementById("escalation"), form = document.getElementById("esc-form");
    form.elements.actor_a.value = esc.a;
    form.elements.actor_b.value = esc.b;
    details.open = esc.open;
    details.addEventListener("toggle", function () {
      if (details.open === esc.open) return;
      esc.open = details.open;
      writeHash();
      if (esc.open && base) loadEscalation();
    });
    form.addEventListener("submit", function (evt) {
      evt.preventDefault();
      esc.a = form.elements.actor_a.value.trim();
      esc.b = form.elements.actor_b.value.trim();
      writeHash();
      loadEscalation();
    });
  }

  // ---- event panel ----
  var FIELDS = ["id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2", "inter1",
    "inter2", "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "weapon",
    "fatalities", "injuries", "captured", "munitions", "confidence"];

  function select(id) {
    selected = id;
    writeHash(true);
    document.querySelectorAll("#events tbody tr, #review-queue tbody tr").forEach(function (tr) {
      tr.classList.toggle("selected", tr.getAttribute("data-id") === id);
    });
    var panel = document.getElementById("panel"), body = document.getElementById("panel-body");
    panel.hidden = false;
    document.querySelector("main").classList.add("with-panel");
    if (map) map.invalidateSize();
    drawTimeline();
    redrawEscalation();
    body.textContent = "Loading…";
    getJSON("/api/events/" + encodeURIComponent(id)).then(function (ev) {
      if (selected !== id) return;
      renderEvent(body, ev);
    }).catch(function (err) {
      body.textContent = "";
      body.appendChild(el("p", { cls: "error", text: "Error: " + err.message }));
    });
  }

  function closePanel() {
    selected = null;
    writeHash(true);
    document.getElementById("panel").hidden = true;
    document.querySelector("main").classList.remove("with-panel");
    document.querySelectorAll("#events tbody tr.selected").forEach(function (tr) { tr.classList.remove("selected"); });
    if (map) map.invalidateSize();
    drawTimeline();
    redrawEscalation();
  }

  var RELATION_WORDS = { follows: "follows", response_to: "response to", retaliation_for: "retaliation for",
    part_of: "part of" };

  // "Not claimed", "Claimed by X", "Attributed to X by Y (media)", "Denied by X"
  function claimText(c) {
    var by = c.by ? c.by + (c.by_kind ? " (" + c.by_kind + ")" : "") : "";
    if (c.kind === "unclaimed") return "Not claimed";
    if (c.kind === "claimed") return "Claimed by " + (c.actor || c.by || "an unnamed group");
    if (c.kind === "denied") return "Denied by " + (c.actor || c.by || "an unnamed party");
    if (c.kind === "attributed") return "Attributed to " + (c.actor || "an unnamed group") + (by ? " by " + by : "");
    return c.kind + (c.actor ? " " + c.actor : "") + (by ? " by " + by : "");
  }

  function eventLabel(ev) {
    return (ev.sub_event_type || ev.event_type) + (ev.location ? " at " + ev.location : "") +
      (ev.event_date ? ", " + ev.event_date : "");
  }

  // a link that opens event `id` in the panel; its label becomes the event's type, place and date once fetched
  function eventLink(id, fallback) {
    var a = el("a", { href: "#" + hashFor(id), cls: "event-link", "data-event": id,
      text: fallback || id });
    a.addEventListener("click", function (evt) { evt.preventDefault(); select(id); });
    return a;
  }

  // "follows ... (9 days)"; a part stated on the same day as its whole gets no "(0 days)"
  function hasInterval(r) {
    return r.interval_days !== null && r.interval_days !== undefined && (r.kind === "follows" || r.interval_days > 0);
  }

  function relationItem(r) {
    var li = el("li", { "data-kind": r.kind }, (RELATION_WORDS[r.kind] || r.kind) + " ");
    if (r.event_id) {
      var a = eventLink(r.event_id, r.target_text || r.event_id);
      li.appendChild(a);
      getJSON("/api/events/" + encodeURIComponent(r.event_id)).then(function (other) {
        a.textContent = eventLabel(other);
      }).catch(function () { /* keep the words of the report */ });
    } else {
      li.appendChild(el("span", { cls: "target-text", title: "no stored event for this incident",
        text: "“" + (r.target_text || "an earlier incident") + "”" }));
    }
    if (hasInterval(r)) {
      li.appendChild(document.createTextNode(" (" + r.interval_days + " day" + (r.interval_days === 1 ? "" : "s") +
        ")"));
    }
    if (r.evidence) li.title = "evidence: “" + r.evidence.text + "”";
    return li;
  }

  function renderEvent(body, ev) {
    body.textContent = "";
    body.appendChild(el("h2", { text: ev.event_type + (ev.sub_event_type ? " — " + ev.sub_event_type : "") }));
    var dl = el("dl", { id: "event-fields" });
    FIELDS.forEach(function (f) {
      if (ev[f] === null || ev[f] === undefined) return;
      var dd = el("dd", { text: String(ev[f]) });
      if (ev.evidence && ev.evidence[f]) dd.title = "evidence: “" + ev.evidence[f].text + "”";
      dl.appendChild(el("dt", { text: f }));
      dl.appendChild(dd);
      if (f === "actor1" && ev.actor1_basis) {
        dl.appendChild(el("dt", { text: "actor1_basis", title: "how the perpetrator is known" }));
        dl.appendChild(el("dd", { id: "actor1-basis", text: ev.actor1_basis }));
      }
    });
    body.appendChild(dl);
    renderReview(body, ev);
    var claims = ev.claims || [], relations = ev.relations || [];
    if (claims.length) {
      var cl = el("ul", { id: "claims" });
      claims.forEach(function (c, i) {
        var li = el("li", { "data-kind": c.kind, "data-mark": "claim-" + i, text: claimText(c) });
        if (c.evidence) li.title = "evidence: “" + c.evidence.text + "”";
        li.addEventListener("click", function () { showMark(body, "claim-" + i); });
        cl.appendChild(li);
      });
      body.appendChild(el("h3", { text: "Claims" }));
      body.appendChild(cl);
    }
    if (relations.length) {
      var rl = el("ul", { id: "relations" });
      relations.forEach(function (r) { rl.appendChild(relationItem(r)); });
      body.appendChild(el("h3", { text: "Related events" }));
      body.appendChild(rl);
    }
    if (ev.notes && ev.notes.length) {
      var ul = el("ul", { cls: "notes" });
      ev.notes.forEach(function (n) { ul.appendChild(el("li", { text: n })); });
      body.appendChild(el("h3", { text: "Notes" }));
      body.appendChild(ul);
    }
    body.appendChild(el("h3", { text: "Sources (" + ev.sources.length + ")" }));
    ev.sources.forEach(function (src) {
      var spans = [];
      var fields = {};
      Object.keys(src.evidence || {}).forEach(function (f) {
        fields[f] = true;
        spans.push(span(src.evidence[f], f, f, "field"));
      });
      Object.keys(ev.evidence || {}).forEach(function (f) {
        var sp = ev.evidence[f];
        if (sp.article_id === src.article_id && !fields[f]) spans.push(span(sp, f, f, "field"));
      });
      claims.forEach(function (c, i) {
        if (c.evidence && c.evidence.article_id === src.article_id) {
          spans.push(span(c.evidence, "claim-" + i, "claim: " + claimText(c), "claim"));
        }
      });
      relations.forEach(function (r, i) {
        if (r.evidence && r.evidence.article_id === src.article_id) {
          spans.push(span(r.evidence, "relation-" + i, "relation: " + (RELATION_WORDS[r.kind] || r.kind), "relation"));
        }
      });
      var box = el("div", { cls: "source", "data-article": src.article_id });
      var link = null;
      if (src.url && /^https?:\/\//i.test(src.url)) {  // only web links: never a javascript: or data: URL
        link = el("a", { href: src.url, text: src.url, target: "_blank", rel: "noopener noreferrer" });
      }
      var head = el("div", null, el("strong", { text: src.article_id }),
        src.published ? " · " + src.published : null, src.url ? " · " : null, link || src.url || null);
      var textBox = el("div", { cls: "article-text", text: "Loading article…" });
      box.appendChild(head);
      box.appendChild(textBox);
      body.appendChild(box);
      getJSON("/api/articles/" + encodeURIComponent(src.article_id)).then(function (art) {
        if (art.title) head.insertBefore(el("div", { cls: "title", text: art.title }), head.firstChild);
        highlight(textBox, art.text, spans);
      }).catch(function (err) {
        textBox.textContent = "Article unavailable: " + err.message;
      });
    });
  }

  function span(evidence, key, title, kind) {
    return { field: key, title: title, kind: kind, start: evidence.start, end: evidence.end };
  }

  function showMark(body, key) {
    var mark = body.querySelector("mark[data-field=\"" + key + "\"]");
    if (!mark) return;
    var box = mark.closest(".article-text");
    if (box) box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - 40);
    mark.classList.add("flash");
    setTimeout(function () { mark.classList.remove("flash"); }, 1500);
  }

  // the article text with every evidence span as a <mark>; a span inside another is a mark inside the other's,
  // and a span that runs past the end of the one it starts in goes on in a mark of its own
  function highlight(box, text, spans) {
    box.textContent = "";
    var list = spans.filter(function (s) { return s.start >= 0 && s.end <= text.length && s.end > s.start; })
      .sort(byStart);
    nest(box, text, 0, text.length, list);
    var first = box.querySelector("mark");
    if (first) box.scrollTop = Math.max(0, first.offsetTop - box.offsetTop - 40);
  }

  function byStart(a, b) { return a.start - b.start || b.end - a.end; }

  function nest(parent, text, lo, hi, list) {
    var pos = lo;
    while (list.length) {
      var s = list.shift();
      var st = Math.max(s.start, pos), en = Math.min(s.end, hi);
      if (en <= st) continue;
      var inner = [], rest = [];
      while (list.length && list[0].start < en) {
        var c = list.shift();
        inner.push(c);
        if (c.end > en) rest.push({ field: c.field, title: c.title, kind: c.kind, start: en, end: c.end });
      }
      list = rest.concat(list).sort(byStart);
      parent.appendChild(document.createTextNode(text.slice(pos, st)));
      var mark = el("mark", { title: s.title, "data-field": s.field, cls: "ev-" + s.kind });
      nest(mark, text, st, en, inner);
      parent.appendChild(mark);
      pos = en;
    }
    parent.appendChild(document.createTextNode(text.slice(pos, hi)));
  }

  // ---- analysts' review: the queue, corrections in the event panel, keyboard shortcuts ----
  var EDITABLE = ["event_date", "sub_event_type", "actor1", "actor2", "location", "admin1", "country", "weapon",
    "fatalities", "injuries", "captured"];
  var COUNTS = { fatalities: true, injuries: true, captured: true };

  function showReviewMode() {
    var mode = document.getElementById("review-mode");
    if (!reviewUi.enabled) mode.textContent = "this server is read-only (serve --review-token-file to correct)";
    else mode.textContent = reviewUi.token ? "corrections on" : "give your token to correct events";
  }

  function loadQueue() {
    var seq = ++reviewUi.seq;
    var params = Object.assign({}, state, { limit: 100 });
    return getJSON("/api/review?" + query(params)).then(function (body) {
      if (seq !== reviewUi.seq) return;
      reviewUi.queue = body.events;
      var tbody = document.querySelector("#review-queue tbody");
      tbody.textContent = "";
      body.events.forEach(function (e) {
        var tr = el("tr", { "data-id": e.id }, el("td", { text: e.doubt.toFixed(2) }),
          el("td", { text: e.event_date || "" }), el("td", { text: e.sub_event_type || e.event_type }),
          el("td", { text: e.location || e.country || "" }),
          el("td", { text: e.fatalities === null ? "" : String(e.fatalities) }),
          el("td", { text: e.confidence.toFixed(2) }), el("td", { text: e.review || "" }));
        if (e.id === selected) tr.classList.add("selected");
        tr.addEventListener("click", function () { select(e.id); });
        tbody.appendChild(tr);
      });
      document.body.setAttribute("data-review-queue", String(seq));
    }).catch(function (err) {
      var tbody = document.querySelector("#review-queue tbody");
      tbody.textContent = "";
      tbody.appendChild(el("tr", null, el("td", { cls: "error", text: "Error: " + err.message })));
    });
  }

  // a write with the reviewer's token (a header, never a cookie); rejects with the API's error message
  function writeReview(method, path, payload) {
    return fetch(path, { method: method, body: JSON.stringify(payload),
      headers: { "Content-Type": "application/json", Accept: "application/json",
        Authorization: "Bearer " + reviewUi.token } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body.error ? body.error.message : r.statusText);
        return body;
      });
    });
  }

  function renderReview(body, ev) {
    body.appendChild(el("p", null, "Review: ", el("span", { cls: "review-state " + (ev.review || ""),
      id: "review-state", text: ev.review || "not reviewed" })));
    if (ev.conflicts && ev.conflicts.length) {
      var cl = el("ul", { id: "conflicts" });
      ev.conflicts.forEach(function (c) {
        cl.appendChild(el("li", { text: c.field + ": the analyst says " + JSON.stringify(c.analyst) +
          ", the machine now says " + JSON.stringify(c.machine) }));
      });
      body.appendChild(el("h3", { text: "Conflicts" }));
      body.appendChild(cl);
    }
    if (ev.corrections && ev.corrections.length) {
      var ul = el("ul", { id: "corrections" });
      ev.corrections.forEach(function (c) {
        var what = c.kind === "set" ? c.field + ": " + JSON.stringify(c.before) + " → " + JSON.stringify(c.after)
          : c.kind;
        ul.appendChild(el("li", { text: c.created_at.slice(0, 16).replace("T", " ") + " " + c.author + ": " + what +
          " (" + c.reason + ")" }));
      });
      body.appendChild(el("h3", { text: "Corrections" }));
      body.appendChild(ul);
    }
    if (!reviewUi.enabled || !reviewUi.token) return;
    var form = el("form", { id: "review-form", autocomplete: "off" });
    EDITABLE.forEach(function (f) {
      var value = ev[f] === null || ev[f] === undefined ? "" : String(ev[f]);
      var input = el("input", { name: f, value: value, "data-original": value,
        type: COUNTS[f] ? "number" : f === "event_date" ? "date" : "text" });
      if (COUNTS[f]) input.min = "0";
      input.addEventListener("input", function () { input.classList.toggle("changed", input.value !== value); });
      var evidence = ev.evidence && ev.evidence[f] ? "“" + ev.evidence[f].text + "”" : "no evidence";
      form.appendChild(el("label", { text: f, "for": "rv-" + f }));
      input.id = "rv-" + f;
      form.appendChild(input);
      form.appendChild(el("span", { cls: "evidence", title: evidence, text: evidence }));
    });
    form.appendChild(el("label", { text: "reason", "for": "rv-reason" }));
    form.appendChild(el("input", { id: "rv-reason", name: "reason", placeholder: "why (kept with the correction)" }));
    form.appendChild(el("span"));
    var buttons = el("div", { id: "review-buttons" });
    [["save", "Save corrections (s)"], ["accept", "Accept (a)"], ["reject", "Reject (r)"], ["next", "Next (n)"]]
      .forEach(function (b) {
        var button = el("button", { type: b[0] === "save" ? "submit" : "button", "data-action": b[0], text: b[1] });
        if (b[0] !== "save") button.addEventListener("click", function () { reviewAction(b[0]); });
        buttons.appendChild(button);
      });
    form.appendChild(buttons);
    form.appendChild(el("div", { id: "review-status", role: "status" }));
    form.addEventListener("submit", function (evt) { evt.preventDefault(); reviewAction("save"); });
    body.appendChild(form);
  }

  function reviewStatus(text, isError) {
    var status = document.getElementById("review-status");
    if (!status) return;
    status.textContent = text;
    status.className = isError ? "error" : "";
  }

  function reviewAction(action) {
    var form = document.getElementById("review-form");
    if (action === "next") { nextInQueue(); return Promise.resolve(); }
    if (!form || !selected) return Promise.resolve();
    var reason = form.elements.reason.value.trim();
    var id = selected, request;
    if (action === "save") {
      var fields = {};
      EDITABLE.forEach(function (f) {
        var input = form.elements[f];
        if (input.value === input.getAttribute("data-original")) return;
        var v = input.value.trim();
        fields[f] = v === "" ? null : COUNTS[f] ? Number(v) : v;
      });
      if (!Object.keys(fields).length) { reviewStatus("Nothing changed: edit a field, or accept (a).", true); return Promise.resolve(); }
      if (!reason) { reviewStatus("Give a reason for the correction.", true); form.elements.reason.focus(); return Promise.resolve(); }
      request = writeReview("PATCH", "/api/events/" + encodeURIComponent(id), { fields: fields, reason: reason });
    } else if (action === "reject") {
      if (!reason) { reviewStatus("Give a reason for rejecting the event.", true); form.elements.reason.focus(); return Promise.resolve(); }
      request = writeReview("POST", "/api/events/" + encodeURIComponent(id) + "/reject", { reason: reason });
    } else {
      request = writeReview("POST", "/api/events/" + encodeURIComponent(id) + "/accept",
        { reason: reason || "checked: right as extracted" });
    }
    reviewStatus("Saving…");
    return request.then(function (res) {
      var now = res.events[0];
      document.body.setAttribute("data-review-saved", action + ":" + (now ? now.id : ""));
      if (action === "reject" || action === "accept") nextInQueue(id);
      else if (now) select(now.id);
      loadQueue();
      load();
    }).catch(function (err) { reviewStatus("Error: " + err.message, true); });
  }

  // the event after `after` (default: the selected one) in the queue, or the first
  function nextInQueue(after) {
    var ids = reviewUi.queue.map(function (e) { return e.id; });
    var at = ids.indexOf(after || selected);
    var next = ids[at + 1] || ids.find(function (x) { return x !== (after || selected); });
    if (next) select(next);
  }

  function initReview() {
    var details = document.getElementById("review"), auth = document.getElementById("review-auth");
    details.open = reviewUi.open;
    details.addEventListener("toggle", function () {
      if (details.open === reviewUi.open) return;
      reviewUi.open = details.open;
      writeHash();
      if (reviewUi.open) loadQueue();
    });
    auth.elements.token.value = reviewUi.token;
    auth.addEventListener("submit", function (evt) {
      evt.preventDefault();
      reviewUi.token = auth.elements.token.value.trim();
      if (reviewUi.token) sessionStorage.setItem("eventwire-review-token", reviewUi.token);
      else sessionStorage.removeItem("eventwire-review-token");
      showReviewMode();
      if (selected) select(selected);
    });
    document.addEventListener("keydown", function (evt) {
      if (!reviewUi.open || evt.ctrlKey || evt.metaKey || evt.altKey) return;
      var t = evt.target;
      if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT")) return;
      var action = { a: "accept", r: "reject", s: "save", n: "next" }[evt.key];
      if (!action) return;
      evt.preventDefault();
      if (action === "next" || document.getElementById("review-form")) reviewAction(action);
    });
  }

  // ---- wiring ----
  function init() {
    readHash();
    initMap();
    initBrush();
    initEscalation();
    initReview();
    var liveBox = document.getElementById("live");
    liveBox.checked = live;
    liveBox.addEventListener("change", function () {
      live = liveBox.checked;
      writeHash();
      if (live && !document.getElementById("live-notice").hidden) reloadWithNew();
    });
    var form = document.getElementById("filters");
    form.addEventListener("submit", function (evt) { evt.preventDefault(); readForm(); load(); });
    form.elements.country.addEventListener("change", function () { readForm(); load(); });
    ["event_type", "sub_event_type", "admin1", "weapon"].forEach(function (name) {
      form.elements[name].addEventListener("change", function () { readForm(); load(); });
    });
    var resizeTimer = null;
    window.addEventListener("resize", function () {  // redraw the map and the timeline at the new size
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(function () {
        if (map) { map.invalidateSize(); drawMarkers(false); }
        drawTimeline();
        redrawEscalation();
      }, 150);
    });
    document.getElementById("reset").addEventListener("click", function () { state = {}; syncForm(); load(); });
    document.getElementById("panel-close").addEventListener("click", closePanel);
    window.addEventListener("popstate", applyHash);
    window.addEventListener("hashchange", applyHash);
    loadOptions().then(function () {
      syncForm();
      return load();
    }).then(function () {
      if (selected) select(selected);
      startPolling();
    });
  }

  window.eventwireDashboard = { state: function () { return state; }, select: select, load: load, poll: poll };
  document.addEventListener("DOMContentLoaded", init);
})();
