/* The graph viewer's page: draws the server's view with vis-network, filters it without a
 * reload, searches it, shows a node's details and loads a node's neighbours on double-click.
 * Positions come from the server and physics stays off, so nothing moves after drawing.
 * Tests and the benchmark read window.stedenlink (the network, its data sets, visibleNodeIds()).
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("viewer-data").textContent);
  var container = document.getElementById("netwerk");
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var started = performance.now();
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);

  var state = {
    filters: Object.assign({}, data.filters),
    hiddenTypes: {},
    drawnAfterMs: null,
    size: data.display.size,
    colour: data.display.colour,
    date: data.display.date,
  };
  // What a node looked like as the server drew it: sizing and colouring go back to it.
  nodes.forEach(function (n) { n.linksSize = n.size; n.typeColour = n.color; });

  var api = {
    network: network, nodes: nodes, edges: edges, state: state,
    visibleNodeIds: function () {
      return nodes.getIds({ filter: function (n) { return !n.hidden; } });
    },
    visibleEdgeIds: function () { return network.body.edgeIndices.slice(); },
    dashedEdgeIds: function () {
      return edges.getIds({ filter: function (e) { return e.dashes === true && !e.hidden; } });
    },
    selectedNodeIds: function () { return network.getSelectedNodes(); },
  };
  window.stedenlink = api;

  network.once("afterDrawing", function () {
    state.drawnAfterMs = performance.now() - started;
    document.getElementById("laden").hidden = true;
    document.body.setAttribute("data-drawn", "1");
  });

  // --- helpers -----------------------------------------------------------------------------

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      });
  }

  function say(id, text) { document.getElementById(id).textContent = text; }

  // --- filters (mirror viz.graphdata.Filters.keeps) -------------------------------------------

  function has(list, value) { return !!list && list.indexOf(value) >= 0; }

  // A node or relationship with periods [since, until) is there on a day inside one of them
  // (an open end: from before or until after our sources); one without is there every day.
  function presentOn(periods, day) {
    if (!day || !periods || !periods.length) return true;
    return periods.some(function (p) { return (!p[0] || p[0] <= day) && (!p[1] || p[1] > day); });
  }

  function keeps(n) {
    var f = state.filters;
    if (state.hiddenTypes[n.type]) return false;
    if (!presentOn(n.periods, state.date)) return false;
    if (f.theme && !has(n.ctx && n.ctx.themes, f.theme)) return false;
    if (f.team && !has(n.ctx && n.ctx.teams, f.team)) return false;
    if (f.city && !has(n.ctx && n.ctx.cities, f.city)) return false;
    if (n.type === "Organisation") {
      if (f.kind && n.kind !== f.kind) return false;
      if (f.sector && n.sector !== f.sector) return false;
    }
    return true;
  }

  function applyFilters() {
    var nodeChanges = [];
    var hidden = {};
    nodes.forEach(function (n) {
      var hide = !keeps(n);
      if (hide) hidden[n.id] = true;
      if (!!n.hidden !== hide) nodeChanges.push({ id: n.id, hidden: hide });
    });
    // vis-network leaves out the edges of hidden nodes by itself; updating thousands of edges
    // as well would only make a filter slow. Only dated edges (joins, network membership) are hidden on their own.
    nodes.update(nodeChanges);
    var edgeChanges = [];
    edges.forEach(function (e) {
      if (!e.period) return;
      var hide = !presentOn([e.period], state.date);
      if (!!e.hidden !== hide) edgeChanges.push({ id: e.id, hidden: hide });
    });
    edges.update(edgeChanges);
    var shown = nodes.length - Object.keys(hidden).length;
    say("filterstatus", shown === nodes.length ? "" :
      "Na de filters zichtbaar: " + shown + " van de " + nodes.length + " knopen.");
    fillNames();
  }

  var filterForm = document.getElementById("filters");
  Array.prototype.forEach.call(filterForm.querySelectorAll("select[data-filter]"), function (select) {
    select.addEventListener("change", function () {
      state.filters[select.getAttribute("data-filter")] = select.value || null;
      applyFilters();
    });
  });
  document.getElementById("wis-filters").addEventListener("click", function () {
    Array.prototype.forEach.call(filterForm.querySelectorAll("select[data-filter]"), function (select) {
      select.value = "";
      state.filters[select.getAttribute("data-filter")] = null;
    });
    applyFilters();
  });
  Array.prototype.forEach.call(document.querySelectorAll("input[data-type]"), function (box) {
    box.addEventListener("change", function () {
      state.hiddenTypes[box.getAttribute("data-type")] = !box.checked;
      applyFilters();
    });
  });

  // --- sizing, colouring and the date slider ------------------------------------------------

  var maxBetweenness = 0;
  nodes.forEach(function (n) {
    if (n.metrics) maxBetweenness = Math.max(maxBetweenness, n.metrics.betweenness);
  });

  function sizeOf(n) {
    var m = n.metrics;
    if (state.size === "degree") return m ? 8 + Math.min(30, 4 * Math.log2(1 + m.degree)) : 6;
    // Area grows with betweenness, so that brokers stand out and the rest stays readable.
    if (state.size === "betweenness") return m && maxBetweenness > 0 ? 6 + 44 * Math.sqrt(m.betweenness / maxBetweenness) : 5;
    return n.linksSize;
  }

  function colourOf(n) {
    if (state.colour === "community") return n.metrics ? n.metrics.communityColour : "#e8e8e8";
    return n.typeColour;
  }

  function applyDisplay() {
    var changes = [];
    nodes.forEach(function (n) { changes.push({ id: n.id, size: sizeOf(n), color: colourOf(n) }); });
    nodes.update(changes);
    document.getElementById("gemeenschappen").hidden = state.colour !== "community";
    if (!state.drawnOnce) return;  // the URL changes with what the user changes, not on loading
    var url = new URL(window.location.href);
    [["size", state.size, "links"], ["colour", state.colour, "type"], ["date", state.date, null]].forEach(function (p) {
      if (p[1] && p[1] !== p[2]) url.searchParams.set(p[0], p[1]); else url.searchParams.delete(p[0]);
    });
    window.history.replaceState(null, "", url);
  }

  document.getElementById("grootte").addEventListener("change", function (event) {
    state.size = event.target.value;
    applyDisplay();
  });
  document.getElementById("kleur").addEventListener("change", function (event) {
    state.colour = event.target.value;
    applyDisplay();
  });

  // The slider runs by day from the first date in the view to today.
  var DAY = 86400000;
  var today = new Date().toISOString().slice(0, 10);
  var first = today;
  function earlier(day) { if (day && day < first) first = day; }
  nodes.forEach(function (n) { (n.periods || []).forEach(function (p) { earlier(p[0]); earlier(p[1]); }); });
  edges.forEach(function (e) { if (e.period) { earlier(e.period[0]); earlier(e.period[1]); } });
  var slider = document.getElementById("datum-schuif");
  var dateField = document.getElementById("datum");
  var span = Math.round((Date.parse(today) - Date.parse(first)) / DAY);
  slider.max = String(span);
  dateField.min = first;
  dateField.max = today;

  function dayAt(offset) { return new Date(Date.parse(first) + offset * DAY).toISOString().slice(0, 10); }

  function setDate(day) {
    state.date = day || null;
    dateField.value = state.date || "";
    slider.value = String(state.date ? Math.round((Date.parse(state.date) - Date.parse(first)) / DAY) : span);
    say("datum-tekst", state.date ? state.date.split("-").reverse().join("-") : "elke datum");
    applyFilters();
    applyDisplay();
  }

  slider.addEventListener("input", function () { setDate(dayAt(Number(slider.value))); });
  dateField.addEventListener("change", function () { setDate(dateField.value); });
  document.getElementById("alle-data").addEventListener("click", function () { setDate(null); });
  api.setDate = setDate;

  // --- details ---------------------------------------------------------------------------

  function showDetails(id) {
    var panel = document.getElementById("details");
    panel.setAttribute("aria-busy", "true");
    getJSON("/viewer/node?id=" + encodeURIComponent(id)).then(function (info) {
      panel.textContent = "";
      panel.appendChild(el("h2", {}, info.name));
      panel.appendChild(el("p", { "class": "type" }, info.type));
      var list = el("dl", { "class": "fields" });
      info.fields.forEach(function (field) {
        list.appendChild(el("dt", {}, field[0]));
        var value = el("dd", {}, field[1]);
        if (field[0] === "E-mail") value.setAttribute("data-contact", "email");
        if (field[0] === "Telefoon") value.setAttribute("data-contact", "phone");
        list.appendChild(value);
      });
      panel.appendChild(list);
      var links = el("p", { "class": "links" });
      if (info.page) links.appendChild(el("a", { href: info.page, id: "pagina-link" }, "Naar de pagina"));
      links.appendChild(el("a", { href: info.ego }, "Omgeving tonen"));
      if (id.indexOf("team:") === 0) {
        links.appendChild(el("a", { href: "/viewer?team=" + encodeURIComponent(id) + "&suggestions=1" }, "Voorstellen tonen"));
      }
      var expand = el("button", { type: "button", "class": "secondary" }, "Buren laden");
      expand.addEventListener("click", function () { expandNode(id); });
      links.appendChild(expand);
      panel.appendChild(links);
      panel.removeAttribute("aria-busy");
    }).catch(function () {
      panel.textContent = "";
      panel.appendChild(el("p", { "class": "error" }, "De details konden niet worden geladen."));
      panel.removeAttribute("aria-busy");
    });
  }

  function select(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 300 } });
    showDetails(id);
  }

  network.on("click", function (params) {
    if (params.nodes.length) showDetails(params.nodes[0]);
  });

  // --- expanding a node ------------------------------------------------------------------

  function expandNode(id) {
    say("filterstatus", "Buren worden geladen…");
    getJSON("/viewer/data?focus=" + encodeURIComponent(id) + "&depth=1").then(function (more) {
      var centre = network.getPositions([id])[id] || { x: 0, y: 0 };
      var fresh = more.nodes.filter(function (n) { return !nodes.get(n.id); });
      // New neighbours go on a ring around the node, outside what is already there.
      var radius = Math.max(180, fresh.length * 14);
      fresh.forEach(function (n, i) {
        var angle = 2 * Math.PI * i / Math.max(fresh.length, 1);
        n.x = centre.x + radius * Math.cos(angle);
        n.y = centre.y + radius * Math.sin(angle);
      });
      nodes.add(fresh);
      edges.add(more.edges.filter(function (e) { return !edges.get(e.id); }));
      applyFilters();
      say("filterstatus", fresh.length ? fresh.length + " buren toegevoegd." : "Alle buren stonden er al.");
    }).catch(function () { say("filterstatus", "De buren konden niet worden geladen."); });
  }

  network.on("doubleClick", function (params) {
    if (params.nodes.length) expandNode(params.nodes[0]);
  });

  // --- search ----------------------------------------------------------------------------

  function fillNames() {
    var list = document.getElementById("namen");
    var names = {};
    nodes.forEach(function (n) { if (!n.hidden) names[n.name] = true; });
    list.textContent = "";
    Object.keys(names).sort().slice(0, 2000).forEach(function (name) {
      list.appendChild(el("option", { value: name }));
    });
  }

  function normal(text) {
    return (text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function findInView(query) {
    var q = normal(query).trim();
    if (!q) return null;
    var exact = null, starts = null, part = null, hiddenMatch = null;
    nodes.forEach(function (n) {
      var name = normal(n.name);
      if (name.indexOf(q) < 0) return;
      if (n.hidden) { hiddenMatch = hiddenMatch || n; return; }
      if (name === q) exact = exact || n;
      else if (name.indexOf(q) === 0) starts = starts || n;
      else part = part || n;
    });
    return { node: exact || starts || part, hidden: hiddenMatch };
  }

  document.getElementById("zoeken").addEventListener("submit", function (event) {
    event.preventDefault();
    var query = document.getElementById("zoekterm").value;
    var out = document.getElementById("zoekresultaat");
    out.textContent = "";
    var found = findInView(query);
    if (!found) return;
    if (found.node) {
      select(found.node.id);
      out.appendChild(el("p", {}, "Gevonden: " + found.node.name + "."));
      return;
    }
    if (found.hidden) {
      out.appendChild(el("p", {}, found.hidden.name + " is verborgen door de filters; wis de filters om hem te zien."));
      return;
    }
    // Not in this view: the server searches the whole network.
    getJSON("/viewer/search?q=" + encodeURIComponent(query)).then(function (answer) {
      if (!answer.results.length) {
        out.appendChild(el("p", {}, "Niets gevonden voor ‘" + query + "’."));
        return;
      }
      out.appendChild(el("p", {}, "Niet in deze weergave; wel in het netwerk:"));
      var list = el("ul", { "class": "results" });
      answer.results.forEach(function (r) {
        var item = el("li");
        item.appendChild(el("a", { href: r.ego }, r.name));
        item.appendChild(document.createTextNode(" (" + r.type + ")"));
        list.appendChild(item);
      });
      out.appendChild(list);
    }).catch(function () { out.appendChild(el("p", {}, "Zoeken lukte niet.")); });
  });

  // Links in the suggestions panel select their node in the drawing.
  Array.prototype.forEach.call(document.querySelectorAll("a[data-node]"), function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      select(link.getAttribute("data-node"));
    });
  });

  setDate(state.date);
  state.drawnOnce = true;
  if (data.summary.focus) network.selectNodes([data.summary.focus]);
})();
