// Draws a panel network as SVG with a small force-directed layout: no library, no network access.
// The data is the JSON block named by the container's data-graph attribute ({nodes, links}).
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var COLOURS = { young_person: "#1d70b8", adult: "#d4351c", place: "#00703c", group: "#4c2c92" };
  var DASHES = { reliable: "", untested: "6 4", not_reliable: "2 4" };

  function el(name, attrs) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    return node;
  }

  // Fruchterman-Reingold: repulsion between all pairs, attraction along links, cooling.
  function layout(nodes, links, width, height) {
    var n = nodes.length, k = Math.sqrt((width * height) / Math.max(n, 1)) * 0.6;
    nodes.forEach(function (node, i) {
      var angle = (2 * Math.PI * i) / Math.max(n, 1);
      node.x = width / 2 + (width / 3) * Math.cos(angle);
      node.y = height / 2 + (height / 3) * Math.sin(angle);
    });
    var index = {};
    nodes.forEach(function (node) { index[node.id] = node; });
    var temperature = width / 10;
    for (var step = 0; step < 300; step++) {
      nodes.forEach(function (node) { node.dx = 0; node.dy = 0; });
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) {
          var a = nodes[i], b = nodes[j];
          var dx = a.x - b.x, dy = a.y - b.y, d = Math.max(Math.sqrt(dx * dx + dy * dy), 0.01);
          var force = (k * k) / d;
          a.dx += (dx / d) * force; a.dy += (dy / d) * force;
          b.dx -= (dx / d) * force; b.dy -= (dy / d) * force;
        }
      }
      links.forEach(function (link) {
        var a = index[link.source], b = index[link.target];
        if (!a || !b) { return; }
        var dx = a.x - b.x, dy = a.y - b.y, d = Math.max(Math.sqrt(dx * dx + dy * dy), 0.01);
        var force = (d * d) / k;
        a.dx -= (dx / d) * force; a.dy -= (dy / d) * force;
        b.dx += (dx / d) * force; b.dy += (dy / d) * force;
      });
      nodes.forEach(function (node) {
        var d = Math.max(Math.sqrt(node.dx * node.dx + node.dy * node.dy), 0.01);
        node.x += (node.dx / d) * Math.min(d, temperature);
        node.y += (node.dy / d) * Math.min(d, temperature);
        node.x = Math.min(width - 60, Math.max(60, node.x));
        node.y = Math.min(height - 30, Math.max(30, node.y));
      });
      temperature *= 0.98;
    }
    return index;
  }

  function draw(container) {
    var source = document.getElementById(container.getAttribute("data-graph"));
    if (!source) { return; }
    var graph = JSON.parse(source.textContent);
    var width = Math.max(container.clientWidth || 0, 320), height = 420;
    var index = layout(graph.nodes, graph.links, width, height);
    var svg = el("svg", { width: "100%", height: height, viewBox: "0 0 " + width + " " + height,
      "class": "svduty-network__svg", focusable: "false" });
    graph.links.forEach(function (link) {
      var a = index[link.source], b = index[link.target];
      if (!a || !b) { return; }
      var line = el("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: "#505a5f",
        "stroke-width": 2, "class": "svduty-network__link", "data-reliability": link.reliability });
      if (DASHES[link.reliability]) { line.setAttribute("stroke-dasharray", DASHES[link.reliability]); }
      var title = el("title", {});
      title.textContent = link.label;
      line.appendChild(title);
      svg.appendChild(line);
    });
    graph.nodes.forEach(function (node) {
      var group = el("g", { "class": "svduty-network__node", "data-kind": node.kind });
      var shape = node.kind === "place" || node.kind === "group"
        ? el("rect", { x: node.x - 10, y: node.y - 10, width: 20, height: 20 })
        : el("circle", { cx: node.x, cy: node.y, r: node.risk === "very_high" || node.risk === "high" ? 13 : 10 });
      shape.setAttribute("fill", COLOURS[node.kind] || "#505a5f");
      var label = el("text", { x: node.x, y: node.y + 26, "text-anchor": "middle",
        "font-size": 14, fill: "#0b0c0c", "class": "svduty-network__label" });
      label.textContent = node.label;
      group.appendChild(shape);
      group.appendChild(label);
      svg.appendChild(group);
    });
    container.appendChild(svg);
    container.setAttribute("data-drawn", String(graph.nodes.length));
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".svduty-network"), draw);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
