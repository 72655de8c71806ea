// Networks drawn with cytoscape.js (vendored): the entity page's neighbourhood (#mini-net) and the
// network page (#net: filters, expand a node, search to focus, export PNG). Data come from the JSON
// API (GET /entities/{id}/network), the same function the pages' servers call.
(function () {
  "use strict";
  var COLORS = {organization: "#c0392b", place: "#27ae60", person: "#2c7fb8", initiative: "#8e44ad",
                event: "#d68910", award: "#b7950b", source: "#566573"};
  var FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  var labels = JSON.parse((document.getElementById("graph-labels") || {}).textContent || "{}");
  var REL = labels.relationships || {}, TYPES = labels.types || {};

  function style() {
    var s = [
      {selector: "node", style: {"label": "data(name)", "font-family": FONT, "font-size": 11,
        "text-wrap": "ellipsis", "text-max-width": 110, "text-valign": "bottom", "text-margin-y": 3,
        "width": 18, "height": 18, "background-color": "#888", "color": "#222",
        "text-background-color": "#fff", "text-background-opacity": 0.7, "text-background-padding": 1}},
      {selector: "node.center", style: {"width": 28, "height": 28, "font-size": 13, "font-weight": "bold",
        "border-width": 3, "border-color": "#222"}},
      {selector: "node:selected", style: {"border-width": 3, "border-color": "#ffb000"}},
      {selector: "edge", style: {"width": 1.4, "line-color": "#b9c0c8", "target-arrow-color": "#b9c0c8",
        "target-arrow-shape": "triangle", "curve-style": "bezier", "arrow-scale": 0.8,
        "label": "data(label)", "font-family": FONT, "font-size": 9, "color": "#666",
        "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.8,
        "min-zoomed-font-size": 9}},
      {selector: ".hidden", style: {"display": "none"}},
    ];
    Object.keys(COLORS).forEach(function (t) {
      s.push({selector: 'node[type = "' + t + '"]', style: {"background-color": COLORS[t]}});
    });
    return s;
  }

  function elements(data) {
    var out = [];
    data.nodes.forEach(function (n) {
      out.push({group: "nodes", data: {id: n.id, name: n.name, type: n.type}});
    });
    data.edges.forEach(function (e) {
      out.push({group: "edges", data: {id: e.id, source: e.source, target: e.target, rel: e.type,
        label: REL[e.type] || e.type}});
    });
    return out;
  }

  function layout(cy, fit) {
    cy.layout({name: "cose", animate: false, fit: fit !== false, padding: 24, randomize: false,
      nodeRepulsion: function () { return 60000; }, idealEdgeLength: function () { return 90; },
      nodeOverlap: 20, componentSpacing: 60}).run();
  }

  function mini(container) {
    var data = JSON.parse(document.getElementById("net-data").textContent);
    var cy = window.cytoscape({container: container, elements: elements(data),
      style: style().concat([{selector: "edge", style: {"label": ""}}]),
      wheelSensitivity: 0.3, minZoom: 0.3, maxZoom: 3});
    cy.getElementById(data.center).addClass("center");
    layout(cy);
    cy.on("tap", "node", function (evt) {
      if (evt.target.id() !== data.center) window.location.href = "/entity/" + encodeURIComponent(evt.target.id());
    });
    container.setAttribute("data-drawn", String(cy.nodes().length));
  }

  function explorer(container) {
    var cy = window.cytoscape({container: container, elements: [], style: style(), wheelSensitivity: 0.3,
      minZoom: 0.1, maxZoom: 4});
    window.honglianGraph = cy;  // for the browser test and the curious
    var info = document.getElementById("net-info");
    var status = document.getElementById("net-status");
    var loaded = {};

    function say(text) { status.textContent = text; }
    function filters() {
      var types = {}, rels = {};
      document.querySelectorAll("input[data-filter-type]").forEach(function (c) { types[c.value] = c.checked; });
      document.querySelectorAll("input[data-filter-rel]").forEach(function (c) { rels[c.value] = c.checked; });
      cy.batch(function () {
        cy.nodes().forEach(function (n) { n.toggleClass("hidden", types[n.data("type")] === false); });
        cy.edges().forEach(function (e) { e.toggleClass("hidden", rels[e.data("rel")] === false); });
      });
    }
    function show(node, stay) {
      cy.elements().unselect();
      node.select();
      if (!stay) cy.animate({center: {eles: node}}, {duration: 300});
      info.textContent = "";
      var a = document.createElement("a");
      a.href = "/entity/" + encodeURIComponent(node.id());
      a.textContent = node.data("name");
      var t = document.createElement("span");
      t.className = "badge t-" + node.data("type");
      t.textContent = TYPES[node.data("type")] || node.data("type");
      var hint = document.createElement("p");
      hint.className = "muted";
      hint.textContent = loaded[node.id()] ? "已展开；共 " + node.degree() + " 条连线" : "双击节点展开它的关系";
      info.appendChild(a); info.appendChild(document.createTextNode(" ")); info.appendChild(t); info.appendChild(hint);
    }
    function expand(id, focus) {
      if (loaded[id]) { if (focus) show(cy.getElementById(id)); return Promise.resolve(); }
      var first = cy.nodes().length === 0;
      say("正在载入……");
      return fetch("/entities/" + encodeURIComponent(id) + "/network?depth=1&limit=100", {headers: {Accept: "application/json"}})
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (data) {
          loaded[data.nodes[0].id] = true;
          var fresh = elements(data).filter(function (el) { return cy.getElementById(el.data.id).empty(); });
          cy.add(fresh);
          cy.getElementById(data.nodes[0].id).addClass("center");
          filters();
          layout(cy, first);
          say("共 " + cy.nodes().length + " 个节点、" + cy.edges().length + " 条关系");
          container.setAttribute("data-drawn", String(cy.nodes().length));
          if (focus) show(cy.getElementById(data.nodes[0].id), first);
        })
        .catch(function () { say("载入失败，请重试"); });
    }

    cy.on("tap", "node", function (evt) { show(evt.target); });
    cy.on("dbltap", "node", function (evt) { expand(evt.target.id(), true); });
    document.querySelectorAll("input[data-filter-type], input[data-filter-rel]").forEach(function (c) {
      c.addEventListener("change", filters);
    });
    var search = document.getElementById("net-search");
    search.addEventListener("suggest:chosen", function (evt) {
      var node = cy.getElementById(evt.detail.id);
      if (node.nonempty()) show(node); else expand(evt.detail.id, true);
    });
    document.getElementById("net-expand").addEventListener("click", function () {
      var sel = cy.nodes(":selected");
      if (sel.nonempty()) expand(sel[0].id(), true);
    });
    document.getElementById("net-fit").addEventListener("click", function () { cy.fit(undefined, 24); });
    document.getElementById("net-png").addEventListener("click", function () {
      var a = document.createElement("a");
      a.href = cy.png({full: true, scale: 2, bg: "#ffffff"});
      a.download = "honglian-network.png";
      document.body.appendChild(a); a.click(); a.remove();
    });
    expand(container.getAttribute("data-focus"), true);
  }

  function start() {
    if (!window.cytoscape) return;
    var m = document.getElementById("mini-net");
    if (m) mini(m);
    var n = document.getElementById("net");
    if (n) explorer(n);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
