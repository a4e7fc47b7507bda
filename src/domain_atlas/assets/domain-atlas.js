/* Domain Atlas: interactive diagrams.
 *
 * Progressive enhancement of the inline SVG that the plugin renders at build time: without this file every diagram
 * is still a readable picture whose nodes are plain links. With it, each `figure.da-diagram` gets wheel/pinch zoom,
 * drag panning, a toolbar (filter, zoom in/out, fit, reset, 1:1, full screen), hover highlighting of a node's
 * neighbourhood and styled tooltips. Plain ES2019, no dependencies, no network access, no build step.
 *
 * Works with Material for MkDocs' instant navigation: `document$` emits after every page swap and `init` is
 * idempotent (enhanced figures carry `data-da-ready="1"`).
 */
(function () {
  "use strict";

  if (window.DomainAtlas && typeof window.DomainAtlas.init === "function") {
    // Loaded twice (e.g. a page re-evaluated its scripts): just enhance what is new.
    window.DomainAtlas.init(document);
    return;
  }

  var SVG_NS = "http://www.w3.org/2000/svg";
  var XLINK_NS = "http://www.w3.org/1999/xlink";
  var DRAG_THRESHOLD = 4; // px a pointer must travel before a press becomes a drag (and its click is swallowed)
  var STEP = 1.25; // zoom factor of one button press or key press
  var MIN_SCALE = 0.2;

  // 14x14 stroked icons, drawn here so nothing is fetched.
  var ICONS = {
    "zoom-in": "M7 2v10M2 7h10",
    "zoom-out": "M2 7h10",
    fit: "M1 4.5V1h3.5M9.5 1H13v3.5M13 9.5V13H9.5M4.5 13H1V9.5M4.5 4.5h5v5h-5z",
    reset: "M2.5 7a4.5 4.5 0 1 0 1.3-3.2M2.5 1.5v2.8h2.8",
    actual: "M3 4l1.5-1v8M9.5 4L11 3v8M7 5.5v.01M7 8.5v.01",
    fullscreen: "M8.5 1.5h4v4M12.5 1.5L8 6M5.5 12.5h-4v-4M1.5 12.5L6 8",
    "exit-fullscreen": "M8 2v4h4M8 6l4.5-4.5M6 12V8H2M6 8l-4.5 4.5"
  };

  var BUTTONS = [
    ["zoom-in", "Zoom in (+)"],
    ["zoom-out", "Zoom out (\u2212)"],
    ["fit", "Fit the matching nodes into view"],
    ["reset", "Reset the view (0)"],
    ["actual", "Actual size (1:1)"],
    ["fullscreen", "Full screen"]
  ];

  function clamp(value, low, high) {
    return Math.max(low, Math.min(high, value));
  }

  function svgEl(name, attrs) {
    var el = document.createElementNS(SVG_NS, name);
    Object.keys(attrs || {}).forEach(function (key) {
      el.setAttribute(key, attrs[key]);
    });
    return el;
  }

  function icon(name) {
    var svg = svgEl("svg", { viewBox: "0 0 14 14", width: "14", height: "14", "aria-hidden": "true", focusable: "false" });
    svg.appendChild(svgEl("path", { d: ICONS[name] }));
    return svg;
  }

  function directChild(parent, tagName) {
    for (var child = parent.firstElementChild; child; child = child.nextElementSibling) {
      if (child.localName === tagName) return child;
    }
    return null;
  }

  function linkTarget(anchor) {
    return anchor.getAttributeNS(XLINK_NS, "href") || anchor.getAttribute("href");
  }

  /* ---------------------------------------------------------------- graph index */

  // Graphviz gives every node, edge and cluster a <title> (the node name, `A->B` for edges) and wraps its shapes in
  // an <a xlink:title> when it has a tooltip. Browsers show both as native tooltips, which would double up with ours
  // (and a raw node id is no help to a reader), so the text moves to data attributes; the SVG has role="img" and its
  // own aria-label, so nothing is lost for assistive technology.
  function indexGraph(svg) {
    var graph = { nodes: [], edges: [], clusters: [], byKey: {} };
    var groups = svg.querySelectorAll("g.node, g.edge, g.cluster");
    for (var i = 0; i < groups.length; i++) {
      var g = groups[i];
      var title = directChild(g, "title");
      var key = title ? title.textContent.trim() : g.id;
      if (title) title.parentNode.removeChild(title);
      g.setAttribute("data-da-key", key);
      var anchors = g.querySelectorAll("a");
      var tooltip = "";
      for (var j = 0; j < anchors.length; j++) {
        var a = anchors[j];
        var text = a.getAttributeNS(XLINK_NS, "title") || a.getAttribute("title") || "";
        if (text && !tooltip) tooltip = text;
        a.removeAttributeNS(XLINK_NS, "title");
        a.removeAttribute("title");
        if (!linkTarget(a)) a.setAttribute("aria-hidden", "true");
      }
      if (tooltip) g.setAttribute("data-da-tooltip", tooltip);
      var type = g.classList.contains("node") ? "node" : g.classList.contains("edge") ? "edge" : "cluster";
      var item = { el: g, type: type, key: key, tooltip: tooltip, edges: [], neighbours: [] };
      if (type === "node") {
        var labels = [];
        var texts = g.querySelectorAll("text");
        for (var t = 0; t < texts.length; t++) labels.push(texts[t].textContent);
        item.label = labels.join(" ");
        item.search = (key + "\n" + item.label + "\n" + tooltip).toLowerCase();
        graph.nodes.push(item);
        graph.byKey[key] = item;
      } else if (type === "edge") {
        graph.edges.push(item);
        addHitArea(g);
      } else {
        graph.clusters.push(item);
      }
    }
    // The root graph's own <title> and empty tooltip anchor would show as a native tooltip over the background.
    var rootTitles = svg.querySelectorAll("g.graph > title");
    for (var r = 0; r < rootTitles.length; r++) rootTitles[r].parentNode.removeChild(rootTitles[r]);
    var rootAnchors = svg.querySelectorAll("g.graph > g > a");
    for (var s = 0; s < rootAnchors.length; s++) {
      rootAnchors[s].removeAttributeNS(XLINK_NS, "title");
      if (!linkTarget(rootAnchors[s])) rootAnchors[s].setAttribute("aria-hidden", "true");
    }
    graph.edges.forEach(function (edge) {
      var ends = splitEdgeKey(edge.key, graph.byKey);
      if (!ends) return;
      edge.source = graph.byKey[ends[0]];
      edge.target = graph.byKey[ends[1]];
      edge.el.setAttribute("data-da-source", ends[0]);
      edge.el.setAttribute("data-da-target", ends[1]);
      edge.source.edges.push(edge);
      edge.target.edges.push(edge);
      edge.source.neighbours.push(edge.target);
      edge.target.neighbours.push(edge.source);
    });
    return graph;
  }

  // `A->B`, where node names may themselves contain `-` or `>`: take the split whose halves are both known nodes.
  function splitEdgeKey(key, byKey) {
    var separator = key.indexOf("->") >= 0 ? "->" : "--";
    for (var at = key.indexOf(separator); at >= 0; at = key.indexOf(separator, at + 1)) {
      var source = key.slice(0, at);
      var target = key.slice(at + separator.length);
      if (byKey[source] && byKey[target]) return [source, target];
    }
    return null;
  }

  // Edges are hairlines; a transparent, wide, non-scaling copy of the path makes them easy to hover.
  function addHitArea(edge) {
    var path = edge.querySelector("path");
    if (!path || !path.getAttribute("d")) return;
    var hit = svgEl("path", {
      d: path.getAttribute("d"),
      class: "da-hit",
      fill: "none",
      stroke: "transparent",
      "stroke-width": "10",
      "vector-effect": "non-scaling-stroke",
      "aria-hidden": "true"
    });
    hit.style.stroke = "transparent";
    hit.style.strokeWidth = "10px";
    hit.style.strokeDasharray = "none";
    path.parentNode.insertBefore(hit, path);
  }

  /* ---------------------------------------------------------------- one diagram */

  function Diagram(figure, svg) {
    this.figure = figure;
    this.svg = svg;
    this.scale = 1;
    this.x = 0;
    this.y = 0;
    this.pointers = new Map();
    this.gesture = null;
    this.moved = false;
    this.focus = null;
    this.query = "";

    this.viewport = this.wrapContent();
    this.graph = indexGraph(svg);
    this.tooltip = document.createElement("div");
    this.tooltip.className = "da-tooltip";
    this.tooltip.setAttribute("role", "tooltip");
    this.tooltip.hidden = true;
    this.buildToolbar();
    figure.appendChild(this.tooltip);
    figure.classList.add("da-interactive");
    svg.setAttribute("tabindex", svg.getAttribute("tabindex") || "0");
    this.bind();
    this.apply();
  }

  Diagram.prototype.wrapContent = function () {
    var existing = directChild(this.svg, "g");
    if (existing && existing.classList.contains("da-viewport")) return existing;
    var viewport = svgEl("g", { class: "da-viewport" });
    while (this.svg.firstChild) viewport.appendChild(this.svg.firstChild);
    this.svg.appendChild(viewport);
    return viewport;
  };

  Diagram.prototype.buildToolbar = function () {
    var self = this;
    var bar = document.createElement("div");
    bar.className = "da-toolbar";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", "Diagram controls");

    var filter = document.createElement("input");
    filter.type = "search";
    filter.className = "da-filter";
    filter.placeholder = "Filter nodes";
    filter.setAttribute("aria-label", "Filter the diagram's nodes");
    filter.spellcheck = false;
    filter.autocomplete = "off";
    filter.addEventListener("input", function () {
      self.setQuery(filter.value);
    });
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && filter.value) {
        filter.value = "";
        self.setQuery("");
        event.stopPropagation();
      } else if (event.key === "Enter") {
        self.fit();
      }
    });
    bar.appendChild(filter);

    this.count = document.createElement("span");
    this.count.className = "da-filter-count";
    this.count.setAttribute("aria-live", "polite");
    bar.appendChild(this.count);

    this.buttons = {};
    BUTTONS.forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "da-btn";
      button.setAttribute("data-da-action", spec[0]);
      button.title = spec[1];
      button.setAttribute("aria-label", spec[1].replace(/ \(.*\)$/, ""));
      button.appendChild(icon(spec[0]));
      button.addEventListener("click", function () {
        self.action(spec[0]);
      });
      self.buttons[spec[0]] = button;
      bar.appendChild(button);
    });
    this.buttons.fullscreen.setAttribute("aria-pressed", "false");
    this.filter = filter;
    this.figure.insertBefore(bar, this.figure.firstChild);
  };

  Diagram.prototype.action = function (name) {
    if (name === "zoom-in") this.zoomAtCentre(STEP);
    else if (name === "zoom-out") this.zoomAtCentre(1 / STEP);
    else if (name === "fit") this.fit();
    else if (name === "reset") this.reset();
    else if (name === "actual") this.actualSize();
    else if (name === "fullscreen") toggleFullscreen(this.figure);
  };

  /* ------------------------------------------------------------ transform */

  Diagram.prototype.maxScale = function () {
    // Let a diagram squeezed into a narrow column be blown up to well past its natural size.
    var natural = parseFloat(this.svg.getAttribute("data-width")) * (4 / 3);
    var shown = this.svg.getBoundingClientRect().width;
    var squeeze = natural > 0 && shown > 0 ? natural / shown : 1;
    return Math.max(8, 4 * squeeze);
  };

  Diagram.prototype.apply = function () {
    this.clampPan();
    var k = +this.scale.toFixed(5);
    var transform = "translate(" + +this.x.toFixed(3) + " " + +this.y.toFixed(3) + ") scale(" + k + ")";
    this.viewport.setAttribute("transform", transform);
    this.figure.setAttribute("data-da-scale", String(k));
    var moved = Math.abs(this.scale - 1) > 1e-6 || Math.abs(this.x) > 1e-3 || Math.abs(this.y) > 1e-3;
    this.figure.classList.toggle("da-zoomed", moved);
  };

  // The viewBox as x, y, width, height (Graphviz always writes one; fall back to the bounding box).
  Diagram.prototype.viewBox = function () {
    var box = this.svg.viewBox && this.svg.viewBox.baseVal;
    if (box && box.width > 0 && box.height > 0) return { x: box.x, y: box.y, width: box.width, height: box.height };
    var rect = this.svg.getBoundingClientRect();
    return { x: 0, y: 0, width: rect.width || 1, height: rect.height || 1 };
  };

  // Keep at least a sliver of the drawing on screen so a fling cannot lose it.
  Diagram.prototype.clampPan = function () {
    var box = this.viewBox();
    var marginX = Math.min(box.width, box.width * this.scale) * 0.15;
    var marginY = Math.min(box.height, box.height * this.scale) * 0.15;
    var left = box.x * this.scale + this.x;
    var top = box.y * this.scale + this.y;
    var right = left + box.width * this.scale;
    var bottom = top + box.height * this.scale;
    if (right < box.x + marginX) this.x += box.x + marginX - right;
    if (left > box.x + box.width - marginX) this.x -= left - (box.x + box.width - marginX);
    if (bottom < box.y + marginY) this.y += box.y + marginY - bottom;
    if (top > box.y + box.height - marginY) this.y -= top - (box.y + box.height - marginY);
  };

  // Client (CSS pixel) coordinates to the SVG's user space outside the viewport group.
  Diagram.prototype.toUser = function (clientX, clientY) {
    var matrix = this.svg.getScreenCTM();
    if (!matrix) return null;
    return new DOMPoint(clientX, clientY).matrixTransform(matrix.inverse());
  };

  Diagram.prototype.zoomAt = function (factor, point) {
    if (!point) return;
    var scale = clamp(this.scale * factor, MIN_SCALE, this.maxScale());
    var ratio = scale / this.scale;
    this.x = point.x - (point.x - this.x) * ratio;
    this.y = point.y - (point.y - this.y) * ratio;
    this.scale = scale;
    this.apply();
  };

  Diagram.prototype.centre = function () {
    var rect = this.svg.getBoundingClientRect();
    return this.toUser(rect.left + rect.width / 2, rect.top + rect.height / 2);
  };

  Diagram.prototype.zoomAtCentre = function (factor) {
    this.zoomAt(factor, this.centre());
  };

  Diagram.prototype.reset = function () {
    this.scale = 1;
    this.x = 0;
    this.y = 0;
    if (this.filter.value) {
      this.filter.value = "";
      this.setQuery("");
    }
    this.apply();
  };

  // Fit the nodes that match the filter (all of them when there is no filter) into the visible area.
  Diagram.prototype.fit = function () {
    var items = this.query ? this.graph.nodes.filter(function (node) { return node.match; }) : [];
    if (!items.length) {
      this.scale = 1;
      this.x = 0;
      this.y = 0;
      this.apply();
      return;
    }
    var self = this;
    var box = null;
    items.forEach(function (item) {
      var rect = item.el.getBoundingClientRect();
      var a = self.toUser(rect.left, rect.top);
      var b = self.toUser(rect.right, rect.bottom);
      if (!a || !b) return;
      // Back to the untransformed drawing's coordinates.
      var x1 = (Math.min(a.x, b.x) - self.x) / self.scale;
      var y1 = (Math.min(a.y, b.y) - self.y) / self.scale;
      var x2 = (Math.max(a.x, b.x) - self.x) / self.scale;
      var y2 = (Math.max(a.y, b.y) - self.y) / self.scale;
      box = box ? { x1: Math.min(box.x1, x1), y1: Math.min(box.y1, y1), x2: Math.max(box.x2, x2), y2: Math.max(box.y2, y2) }
        : { x1: x1, y1: y1, x2: x2, y2: y2 };
    });
    var frame = this.svg.getBoundingClientRect();
    var p = this.toUser(frame.left, frame.top);
    var q = this.toUser(frame.right, frame.bottom);
    if (!box || !p || !q) return;
    var pad = 16 / (frame.width / (q.x - p.x)); // 16 px of breathing room, in user units
    var width = Math.max(box.x2 - box.x1, 1) + 2 * pad;
    var height = Math.max(box.y2 - box.y1, 1) + 2 * pad;
    var scale = clamp(Math.min((q.x - p.x) / width, (q.y - p.y) / height), MIN_SCALE, this.maxScale());
    scale = Math.min(scale, Math.max(1, this.maxScale() / 2));
    this.scale = scale;
    this.x = (p.x + q.x) / 2 - ((box.x1 + box.x2) / 2) * scale;
    this.y = (p.y + q.y) / 2 - ((box.y1 + box.y2) / 2) * scale;
    this.apply();
  };

  // One drawing point per CSS point (Graphviz lays out in points), centred on what is in view now.
  Diagram.prototype.actualSize = function () {
    var matrix = this.svg.getScreenCTM();
    if (!matrix || !matrix.a) return;
    this.zoomAt((4 / 3) / matrix.a / this.scale, this.centre());
  };

  /* ------------------------------------------------------------ highlighting and filtering */

  Diagram.prototype.setQuery = function (value) {
    var query = value.trim().toLowerCase();
    this.query = query;
    var matches = 0;
    this.graph.nodes.forEach(function (node) {
      node.match = !query || node.search.indexOf(query) >= 0;
      if (node.match) matches += 1;
    });
    this.count.textContent = query ? matches + "/" + this.graph.nodes.length : "";
    this.figure.classList.toggle("da-filtering", !!query);
    this.paint();
  };

  // Spotlight a node (with its edges and neighbours) or an edge (with its two ends); null clears it.
  Diagram.prototype.setFocus = function (item) {
    if (item && item.type === "cluster") item = null;
    if (item === this.focus) return;
    this.focus = item;
    this.paint();
  };

  Diagram.prototype.paint = function () {
    var focus = this.focus;
    var query = this.query;
    var lit = new Set();
    if (focus) {
      lit.add(focus);
      if (focus.type === "edge") {
        if (focus.source) lit.add(focus.source);
        if (focus.target) lit.add(focus.target);
      } else {
        focus.edges.forEach(function (edge) { lit.add(edge); });
        focus.neighbours.forEach(function (node) { lit.add(node); });
      }
    }
    var spotlight = lit.size > 0;
    this.graph.nodes.forEach(function (node) {
      var filteredOut = !!query && !node.match;
      node.el.classList.toggle("da-dim", filteredOut || (spotlight && !lit.has(node)));
      node.el.classList.toggle("da-highlight", spotlight && lit.has(node));
      node.el.classList.toggle("da-match", !!query && node.match);
    });
    this.graph.edges.forEach(function (edge) {
      var filteredOut = !!query && ((edge.source && !edge.source.match) || (edge.target && !edge.target.match));
      edge.el.classList.toggle("da-dim", filteredOut || (spotlight && !lit.has(edge)));
      edge.el.classList.toggle("da-highlight", spotlight && lit.has(edge));
    });
    this.figure.classList.toggle("da-spotlight", spotlight);
  };

  Diagram.prototype.itemFor = function (target) {
    var el = target && target.closest ? target.closest("g.node, g.edge, g.cluster") : null;
    if (!el || !this.svg.contains(el)) return null;
    var key = el.getAttribute("data-da-key");
    if (el.classList.contains("node")) return this.graph.byKey[key] || null;
    var list = el.classList.contains("edge") ? this.graph.edges : this.graph.clusters;
    for (var i = 0; i < list.length; i++) if (list[i].el === el) return list[i];
    return null;
  };

  /* ------------------------------------------------------------ tooltip */

  Diagram.prototype.showTooltip = function (item, clientX, clientY) {
    if (!item || !item.tooltip) {
      this.hideTooltip();
      return;
    }
    var tip = this.tooltip;
    if (tip.textContent !== item.tooltip) tip.textContent = item.tooltip;
    tip.classList.toggle("da-tooltip-violation", item.el.classList.contains("da-violation"));
    tip.hidden = false;
    var width = tip.offsetWidth;
    var height = tip.offsetHeight;
    // Below and right of the pointer, slid left to stay on screen, and above the pointer near the bottom edge.
    var left = Math.max(8, Math.min(clientX + 14, window.innerWidth - width - 8));
    var top = clientY + 18;
    if (top + height > window.innerHeight - 8) top = Math.max(8, clientY - height - 14);
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  };

  Diagram.prototype.hideTooltip = function () {
    this.tooltip.hidden = true;
  };

  /* ------------------------------------------------------------ events */

  Diagram.prototype.bind = function () {
    var self = this;
    var svg = this.svg;

    svg.addEventListener("wheel", function (event) {
      var unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1;
      var delta = event.deltaY * unit;
      if (!delta) return;
      event.preventDefault();
      // Trackpad pinches arrive as ctrl+wheel with small deltas: make them as lively as a mouse wheel notch.
      var factor = Math.exp(-delta * (event.ctrlKey ? 0.01 : 0.002));
      self.zoomAt(clamp(factor, 0.5, 2), self.toUser(event.clientX, event.clientY));
    }, { passive: false });

    svg.addEventListener("pointerdown", function (event) {
      if (event.pointerType === "mouse" && event.button !== 0) return;
      if (self.pointers.size === 0) self.moved = false;
      self.pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
      self.startGesture();
    });

    svg.addEventListener("pointermove", function (event) {
      var pointer = self.pointers.get(event.pointerId);
      if (pointer) {
        pointer.x = event.clientX;
        pointer.y = event.clientY;
        self.moveGesture(event);
      }
      if (event.pointerType !== "touch" && (!self.gesture || !self.gesture.active)) {
        self.showTooltip(self.itemFor(event.target), event.clientX, event.clientY);
      }
    });

    var end = function (event) {
      if (!self.pointers.has(event.pointerId)) return;
      if (event.type === "pointerup" && event.pointerType === "touch" && !self.moved) {
        // No hover on touch screens: a tap shows the tooltip (a tap on a node link navigates anyway).
        var item = self.itemFor(event.target);
        self.setFocus(item);
        self.showTooltip(item, event.clientX, event.clientY);
      }
      self.pointers.delete(event.pointerId);
      if (svg.hasPointerCapture && svg.hasPointerCapture(event.pointerId)) svg.releasePointerCapture(event.pointerId);
      if (self.pointers.size) self.startGesture();
      else self.endGesture();
    };
    svg.addEventListener("pointerup", end);
    svg.addEventListener("pointercancel", end);
    svg.addEventListener("lostpointercapture", end);

    // A press that turned into a drag or pinch must not also follow the link under it.
    svg.addEventListener("click", function (event) {
      if (self.moved) {
        event.preventDefault();
        event.stopPropagation();
        self.moved = false;
      }
    }, true);
    svg.addEventListener("click", function (event) {
      self.followLink(event);
    });
    svg.addEventListener("dragstart", function (event) {
      event.preventDefault();
    });

    svg.addEventListener("pointerover", function (event) {
      if (self.gesture && self.gesture.active) return;
      var item = self.itemFor(event.target);
      self.setFocus(item);
    });
    svg.addEventListener("pointerleave", function (event) {
      // A mouse released outside before a drag began (no capture yet) never sends pointerup here.
      if (!(svg.hasPointerCapture && svg.hasPointerCapture(event.pointerId))) end(event);
      if (event.pointerType !== "touch") {
        self.setFocus(null);
        self.hideTooltip();
      }
    });

    // Keyboard users get the same highlight and tooltip when they tab onto a node link.
    svg.addEventListener("focusin", function (event) {
      var item = self.itemFor(event.target);
      if (!item) return;
      self.setFocus(item);
      var rect = item.el.getBoundingClientRect();
      self.showTooltip(item, rect.left + rect.width / 2, rect.bottom - 10);
    });
    svg.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !svg.contains(event.relatedTarget)) {
        self.setFocus(null);
        self.hideTooltip();
      }
    });

    this.figure.addEventListener("keydown", function (event) {
      var target = event.target;
      if (target && (target.localName === "input" || target.localName === "textarea")) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      var handled = true;
      if (event.key === "+" || event.key === "=") self.zoomAtCentre(STEP);
      else if (event.key === "-" || event.key === "_") self.zoomAtCentre(1 / STEP);
      else if (event.key === "0") self.reset();
      else handled = false;
      if (handled) {
        event.preventDefault();
        event.stopPropagation();
      }
    });
  };

  Diagram.prototype.startGesture = function () {
    var points = Array.from(this.pointers.values());
    var anchor = this.toUser(points[0].x, points[0].y);
    if (!anchor) {
      this.gesture = null;
      return;
    }
    var active = !!(this.gesture && this.gesture.active);
    if (points.length >= 2) {
      var mid = this.toUser((points[0].x + points[1].x) / 2, (points[0].y + points[1].y) / 2);
      this.gesture = {
        pinch: true,
        active: true,
        distance: Math.max(1, Math.hypot(points[0].x - points[1].x, points[0].y - points[1].y)),
        scale: this.scale,
        // The drawing point under the fingers' midpoint, in untransformed coordinates.
        cx: (mid.x - this.x) / this.scale,
        cy: (mid.y - this.y) / this.scale
      };
      this.moved = true;
      this.beginActive();
    } else {
      this.gesture = {
        pinch: false,
        active: active,
        startX: points[0].x,
        startY: points[0].y,
        ux: anchor.x,
        uy: anchor.y,
        x: this.x,
        y: this.y
      };
    }
  };

  Diagram.prototype.moveGesture = function (event) {
    var gesture = this.gesture;
    if (!gesture) return;
    var points = Array.from(this.pointers.values());
    if (gesture.pinch) {
      if (points.length < 2) return;
      var distance = Math.max(1, Math.hypot(points[0].x - points[1].x, points[0].y - points[1].y));
      var mid = this.toUser((points[0].x + points[1].x) / 2, (points[0].y + points[1].y) / 2);
      if (!mid) return;
      this.scale = clamp(gesture.scale * distance / gesture.distance, MIN_SCALE, this.maxScale());
      this.x = mid.x - gesture.cx * this.scale;
      this.y = mid.y - gesture.cy * this.scale;
      this.apply();
      return;
    }
    if (!gesture.active) {
      if (Math.hypot(points[0].x - gesture.startX, points[0].y - gesture.startY) <= DRAG_THRESHOLD) return;
      gesture.active = true;
      this.moved = true;
      this.beginActive();
      if (this.svg.setPointerCapture) {
        try {
          this.svg.setPointerCapture(event.pointerId);
        } catch (error) {
          /* the pointer is already gone */
        }
      }
    }
    var here = this.toUser(points[0].x, points[0].y);
    if (!here) return;
    this.x = gesture.x + (here.x - gesture.ux);
    this.y = gesture.y + (here.y - gesture.uy);
    this.apply();
  };

  Diagram.prototype.beginActive = function () {
    this.figure.classList.add("da-dragging");
    this.hideTooltip();
    this.setFocus(null);
  };

  Diagram.prototype.endGesture = function () {
    this.gesture = null;
    this.figure.classList.remove("da-dragging");
  };

  // SVG links navigate on their own, but Material's instant navigation only intercepts HTML anchors, so SVG links
  // would reload the whole page. Hand plain left clicks to a throwaway HTML anchor: Material (when present) then
  // swaps the page in place, and without Material the browser simply follows it.
  Diagram.prototype.followLink = function (event) {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    if (typeof window.document$ === "undefined") return;
    var anchor = event.target.closest ? event.target.closest("a") : null;
    if (!anchor || !this.svg.contains(anchor)) return;
    var href = linkTarget(anchor);
    var target = anchor.getAttribute("target") || anchor.getAttributeNS(XLINK_NS, "show");
    if (!href || (target && target !== "_self")) return;
    var url;
    try {
      url = new URL(href, document.baseURI);
    } catch (error) {
      return;
    }
    event.preventDefault();
    var link = document.createElement("a");
    link.href = url.href;
    link.hidden = true;
    this.figure.appendChild(link);
    link.click();
    if (link.parentNode) link.parentNode.removeChild(link);
  };

  /* ---------------------------------------------------------------- full screen */

  function fullscreenElement() {
    return document.fullscreenElement || document.webkitFullscreenElement || null;
  }

  function setFullscreenState(figure, on, fallback) {
    figure.classList.toggle("da-fullscreen", on);
    figure.classList.toggle("da-fullscreen-fallback", on && !!fallback);
    var anyFallback = !!document.querySelector("figure.da-fullscreen-fallback");
    document.documentElement.classList.toggle("da-no-scroll", anyFallback);
    var button = figure.querySelector(".da-toolbar .da-btn[data-da-action='fullscreen']");
    if (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
      var label = on ? "Leave full screen (Esc)" : "Full screen";
      button.title = label;
      button.setAttribute("aria-label", label.replace(/ \(.*\)$/, ""));
      button.replaceChild(icon(on ? "exit-fullscreen" : "fullscreen"), button.firstChild);
    }
  }

  function toggleFullscreen(figure) {
    if (fullscreenElement() === figure) {
      (document.exitFullscreen || document.webkitExitFullscreen).call(document);
      return;
    }
    if (figure.classList.contains("da-fullscreen-fallback")) {
      setFullscreenState(figure, false);
      return;
    }
    var request = figure.requestFullscreen || figure.webkitRequestFullscreen;
    var enabled = document.fullscreenEnabled || document.webkitFullscreenEnabled;
    if (!request || !enabled) {
      setFullscreenState(figure, true, true);
      return;
    }
    try {
      var pending = request.call(figure);
      if (pending && typeof pending.catch === "function") {
        pending.catch(function () {
          setFullscreenState(figure, true, true);
        });
      }
    } catch (error) {
      setFullscreenState(figure, true, true);
    }
  }

  function onFullscreenChange() {
    var current = fullscreenElement();
    var figures = document.querySelectorAll("figure.da-diagram[data-da-ready='1']");
    for (var i = 0; i < figures.length; i++) {
      var figure = figures[i];
      if (figure.classList.contains("da-fullscreen-fallback")) continue;
      setFullscreenState(figure, current === figure);
    }
  }

  /* ---------------------------------------------------------------- start-up */

  // A link to a catalogue entry lands on a collapsed <details>: open it (and any closed <details> around it).
  function openLinkedEntry() {
    var id = decodeURIComponent((window.location.hash || "").slice(1));
    var target = id ? document.getElementById(id) : null;
    for (var node = target; node; node = node.parentElement) {
      if (node.localName === "details" && !node.open) node.open = true;
    }
  }

  // A drawing wider or taller than its frame keeps its readable size and scrolls; open it on its middle, where a
  // layered drawing has its nodes, rather than on an empty top-left corner.
  function centreCanvas(figure) {
    var canvas = figure.querySelector(".da-canvas");
    if (!canvas) return;
    canvas.scrollLeft = Math.max(0, (canvas.scrollWidth - canvas.clientWidth) / 2);
    canvas.scrollTop = Math.max(0, (canvas.scrollHeight - canvas.clientHeight) / 2);
  }

  function init(root) {
    openLinkedEntry();
    var scope = root && root.querySelectorAll ? root : document;
    var figures = scope.querySelectorAll("figure.da-diagram");
    for (var i = 0; i < figures.length; i++) {
      var figure = figures[i];
      if (figure.getAttribute("data-da-ready") === "1") continue;
      var svg = figure.querySelector("svg.da-svg") || figure.querySelector("svg");
      if (!svg) continue;
      figure.diagram = new Diagram(figure, svg);
      figure.setAttribute("data-da-ready", "1");
      centreCanvas(figure);
    }
    // A full-screen fallback left open by the previous page (instant navigation keeps <html>) must not block scroll.
    if (!document.querySelector("figure.da-fullscreen-fallback")) {
      document.documentElement.classList.remove("da-no-scroll");
    }
  }

  window.addEventListener("hashchange", openLinkedEntry);
  document.addEventListener("fullscreenchange", onFullscreenChange);
  document.addEventListener("webkitfullscreenchange", onFullscreenChange);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = document.querySelectorAll("figure.da-fullscreen-fallback");
    for (var i = 0; i < open.length; i++) setFullscreenState(open[i], false);
  });

  window.DomainAtlas = { init: init };

  function subscribe() {
    var material = window.document$;
    if (material && typeof material.subscribe === "function") {
      material.subscribe(function () {
        init(document);
      });
      return true;
    }
    return false;
  }

  if (!subscribe()) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () {
        // Material's bundle may have been loaded after this file: prefer its page-change signal if it is there now.
        if (!subscribe()) init(document);
      });
    } else {
      init(document);
    }
  }
})();
