// ---- graph view: a layered layout of the DAG (longest-path layers, barycentre ordering), one <g data-node-name> per node, coloured
// by share of time, bound or MACs; pan (drag), zoom (wheel, +/−), keyboard moves between nodes.
var NW = 150, NH = 26, GX = 24, GY = 34;
var graph = { els: [], x: null, y: null, layer: null, byLayer: [], view: { x: 0, y: 0, k: 1 }, sel: -1, onSelect: null, w: 0, h: 0,
  vw: 800, vh: 560, shown: [0, -1] };

function layoutGraph(nodes) {
  var n = nodes.length, layer = new Int32Array(n), maxL = 0, i, k, l;
  for (i = 0; i < n; i++) {
    var ins = nodes[i].inputs, v = 0;
    for (k = 0; k < ins.length; k++) if (layer[ins[k]] + 1 > v) v = layer[ins[k]] + 1;
    layer[i] = v;
  }
  for (i = n - 1; i >= 0; i--) { // a node with no inputs (a constant, a shape of an input) sits just above its first consumer
    if (nodes[i].inputs.length || !nodes[i].consumers.length) continue;
    var m = Infinity;
    nodes[i].consumers.forEach(function (c) { if (layer[c] < m) m = layer[c]; });
    layer[i] = Math.max(0, m - 1);
  }
  for (i = 0; i < n; i++) if (layer[i] > maxL) maxL = layer[i];
  var by = [];
  for (l = 0; l <= maxL; l++) by.push([]);
  for (i = 0; i < n; i++) by[layer[i]].push(i);
  var x = new Float64Array(n), step = NW + GX;
  by.forEach(function (row) { row.forEach(function (j, p) { x[j] = p * step; }); });
  function place(row, key) { // keep the order by key, at least one step apart, centred on the keys
    row.sort(function (a, b) { return key[a] - key[b] || a - b; });
    var shift = 0, p;
    for (p = 0; p < row.length; p++) { x[row[p]] = p === 0 ? key[row[0]] : Math.max(key[row[p]], x[row[p - 1]] + step); shift += x[row[p]] - key[row[p]]; }
    shift /= row.length || 1;
    for (p = 0; p < row.length; p++) x[row[p]] -= shift;
  }
  var key = new Float64Array(n);
  function mean(list, j) { if (!list.length) return x[j]; var s = 0; for (var q = 0; q < list.length; q++) s += x[list[q]]; return s / list.length; }
  for (var sweep = 0; sweep < 4; sweep++) {
    for (l = 1; l <= maxL; l++) { by[l].forEach(function (j) { key[j] = mean(nodes[j].inputs, j); }); place(by[l], key); }
    for (l = maxL - 1; l >= 0; l--) { by[l].forEach(function (j) { key[j] = mean(nodes[j].consumers, j); }); place(by[l], key); }
  }
  var minX = Infinity, maxX = -Infinity;
  for (i = 0; i < n; i++) { if (x[i] < minX) minX = x[i]; if (x[i] > maxX) maxX = x[i]; }
  var y = new Float64Array(n);
  for (i = 0; i < n; i++) { x[i] -= minX; y[i] = layer[i] * (NH + GY); }
  graph.x = x; graph.y = y; graph.layer = layer; graph.byLayer = by;
  graph.w = n ? maxX - minX + NW : 0; graph.h = (maxL + 1) * (NH + GY);
}

function renderGraph(M) {
  var nodes = M.nodes, view = $('graph-view'), i;
  layoutGraph(nodes);
  var x = graph.x, y = graph.y, d = [];
  for (i = 0; i < nodes.length; i++) {
    nodes[i].inputs.forEach(function (p) {
      var x1 = x[p] + NW / 2, y1 = y[p] + NH, x2 = x[i] + NW / 2, y2 = y[i], m = (y2 - y1) / 2;
      d.push('M' + x1 + ' ' + y1 + 'C' + x1 + ' ' + (y1 + m) + ' ' + x2 + ' ' + (y2 - m) + ' ' + x2 + ' ' + y2);
    });
  }
  var wrap = $('graph-wrap'); // its size, read before the nodes exist (reading it later would lay out every node)
  graph.vw = wrap.clientWidth || 800; graph.vh = wrap.clientHeight || 560;
  window.addEventListener('resize', function () { graph.vw = wrap.clientWidth || graph.vw; graph.vh = wrap.clientHeight || graph.vh; applyView(); });
  var frag = document.createDocumentFragment();
  frag.appendChild(sv('g', { id: 'graph-kernels' }));
  frag.appendChild(sv('path', { 'class': 'edges', d: d.join('') }));
  var els = new Array(nodes.length);
  for (i = 0; i < nodes.length; i++) {
    var g = sv('g', { 'class': 'gn off', transform: 'translate(' + x[i] + ',' + y[i] + ')', 'data-i': i, role: 'button' });
    g.setAttribute('data-node-name', nodes[i].name);
    g.appendChild(sv('rect', { width: NW, height: NH }));
    var label = nodes[i].opType + (nodes[i].outputShape ? ' ' + nodes[i].outputShape : '');
    g.appendChild(sv('text', { x: 6, y: 17 }, label.length > 26 ? label.slice(0, 25) + '…' : label));
    els[i] = g; frag.appendChild(g);
  }
  view.appendChild(frag);
  graph.els = els;
  wireGraph(M);
  fitGraph(true);
}

function applyView() { var v = graph.view; $('graph-view').setAttribute('transform', 'translate(' + v.x + ',' + v.y + ') scale(' + v.k + ')'); cull(); }
// Nodes of layers outside the view (plus a margin) are display:none, so a 10,000-node graph lays out only what is seen; every node
// keeps its element, attributes and colour.
function cull() {
  var v = graph.view, row = NH + GY, margin = 4, by = graph.byLayer;
  var a = Math.max(0, Math.floor(-v.y / v.k / row) - margin), b = Math.min(by.length - 1, Math.ceil((graph.vh - v.y) / v.k / row) + margin);
  var old = graph.shown, l;
  for (l = old[0]; l <= old[1]; l++) if (l < a || l > b) by[l].forEach(function (i) { graph.els[i].classList.add('off'); });
  for (l = a; l <= b; l++) if (l < old[0] || l > old[1]) by[l].forEach(function (i) { graph.els[i].classList.remove('off'); });
  graph.shown = [a, b];
}
function zoomAt(f, cx, cy) {
  var v = graph.view, k = Math.min(4, Math.max(0.02, v.k * f));
  v.x = cx - (cx - v.x) * k / v.k; v.y = cy - (cy - v.y) * k / v.k; v.k = k; applyView();
}
function fitGraph(topOnly) {
  var W = graph.vw, H = graph.vh, v = graph.view;
  v.k = Math.min(1, (W - 20) / Math.max(1, graph.w), topOnly ? 1 : (H - 20) / Math.max(1, graph.h));
  if (topOnly) v.k = Math.max(v.k, 0.25);
  v.x = (W - graph.w * v.k) / 2; v.y = 10; applyView();
}
function centreOn(i) {
  var v = graph.view;
  v.x = graph.vw / 2 - (graph.x[i] + NW / 2) * v.k; v.y = graph.vh / 2 - (graph.y[i] + NH / 2) * v.k; applyView();
}

function wireGraph(M) {
  var wrap = $('graph-wrap'), drag = null, moved = false;
  wrap.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var r = wrap.getBoundingClientRect();
    zoomAt(ev.deltaY < 0 ? 1.15 : 1 / 1.15, ev.clientX - r.left, ev.clientY - r.top);
  }, { passive: false });
  wrap.addEventListener('pointerdown', function (ev) { drag = { x: ev.clientX, y: ev.clientY, vx: graph.view.x, vy: graph.view.y }; moved = false; });
  wrap.addEventListener('pointermove', function (ev) {
    if (drag) {
      var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) moved = true;
      if (moved) { graph.view.x = drag.vx + dx; graph.view.y = drag.vy + dy; applyView(); }
      return;
    }
    var g = ev.target.closest ? ev.target.closest('g.gn') : null;
    if (!g) { hideTip(); return; }
    var i = +g.getAttribute('data-i'), t = g.getAttribute('data-time-s');
    showTip(ev, M.nodes[i].name + '\n' + M.nodes[i].opType + (t ? ' · ' + time(+t) : '') + ' · ' + si(M.nodes[i].macs) + ' MACs');
  });
  wrap.addEventListener('pointerleave', function () { drag = null; hideTip(); });
  wrap.addEventListener('pointerup', function (ev) {
    var wasDrag = moved; drag = null;
    if (wasDrag) return;
    var g = ev.target.closest ? ev.target.closest('g.gn') : null;
    if (g) selectNode(+g.getAttribute('data-i'), false);
  });
  wrap.addEventListener('keydown', function (ev) {
    var i = graph.sel < 0 ? 0 : graph.sel, n = M.nodes[i], next = -1, row, p;
    if (!n) return;
    switch (ev.key) {
      case 'ArrowDown': next = n.consumers.length ? n.consumers[0] : -1; break;
      case 'ArrowUp': next = n.inputs.length ? n.inputs[0] : -1; break;
      case 'ArrowLeft': case 'ArrowRight':
        row = graph.byLayer[graph.layer[i]].slice().sort(function (a, b) { return graph.x[a] - graph.x[b]; });
        p = row.indexOf(i) + (ev.key === 'ArrowLeft' ? -1 : 1); next = p >= 0 && p < row.length ? row[p] : -1; break;
      case 'Enter': case ' ': next = i; break;
      case '+': case '=': zoomAt(1.25, wrap.clientWidth / 2, wrap.clientHeight / 2); break;
      case '-': zoomAt(0.8, wrap.clientWidth / 2, wrap.clientHeight / 2); break;
      case '0': fitGraph(false); break;
      default: return;
    }
    ev.preventDefault();
    if (next >= 0) selectNode(next, true);
  });
  $('zoom-in').addEventListener('click', function () { zoomAt(1.25, wrap.clientWidth / 2, wrap.clientHeight / 2); });
  $('zoom-out').addEventListener('click', function () { zoomAt(0.8, wrap.clientWidth / 2, wrap.clientHeight / 2); });
  $('zoom-fit').addEventListener('click', function () { fitGraph(false); });
}

function selectNode(i, centre) {
  if (graph.sel >= 0 && graph.els[graph.sel]) { graph.els[graph.sel].classList.remove('sel'); graph.els[graph.sel].removeAttribute('id'); }
  graph.sel = i;
  var g = graph.els[i];
  if (g) { g.classList.add('sel'); g.setAttribute('id', 'gn-sel'); $('graph-wrap').setAttribute('aria-activedescendant', 'gn-sel'); }
  if (centre) centreOn(i);
  if (graph.onSelect) graph.onSelect(i);
}

var RAMP = [[238, 242, 247], [244, 162, 97], [180, 35, 24]];
function ramp(t) {
  t = Math.max(0, Math.min(1, t));
  var a = t < 0.5 ? RAMP[0] : RAMP[1], b = t < 0.5 ? RAMP[1] : RAMP[2], u = t < 0.5 ? t * 2 : t * 2 - 1;
  return 'rgb(' + [0, 1, 2].map(function (c) { return Math.round(a[c] + (b[c] - a[c]) * u); }).join(',') + ')';
}

// Colours every node by `by` ('time', 'bound' or 'macs'); stamps data-time-s with the estimate's node time.
function colourGraph(M, E, C, by) {
  if (!E && by !== 'macs') by = 'macs';
  var n = M.nodes.length, vals = new Array(n), max = 0, i, total = E ? E.totalTimeS : 0;
  for (i = 0; i < n; i++) { vals[i] = by === 'time' ? E.nodes[i].timeS : C ? C.macs[i] : M.nodes[i].macs; if (vals[i] > max) max = vals[i]; }
  for (i = 0; i < n; i++) {
    var g = graph.els[i], rect = g.firstChild, fill;
    if (by === 'bound') fill = E.nodes[i].bound === 'compute' ? '#e76f51' : E.nodes[i].bound === 'memory' ? '#0ea5a4' : '#e5e7eb';
    else fill = max > 0 ? ramp(Math.sqrt(vals[i] / max)) : RAMP[0];
    rect.setAttribute('fill', fill);
    if (E) g.setAttribute('data-time-s', String(E.nodes[i].timeS)); else g.removeAttribute('data-time-s');
    g.setAttribute('aria-label', M.nodes[i].name + ', ' + M.nodes[i].opType + (E ? ', ' + time(E.nodes[i].timeS) : ''));
  }
  var lg = clear($('graph-legend'));
  if (by === 'bound') {
    lg.appendChild(el('i')).style.background = '#e76f51'; lg.appendChild(document.createTextNode('compute-bound'));
    lg.appendChild(el('i')).style.background = '#0ea5a4'; lg.appendChild(document.createTextNode('memory-bound'));
    lg.appendChild(el('i')).style.background = '#e5e7eb'; lg.appendChild(document.createTextNode('no kernel / no work'));
  } else {
    lg.appendChild(document.createTextNode(by === 'time' ? 'share of predicted time on ' + E.name + ' (' + time(total) + ' in all): 0' : 'MACs: 0'));
    var sw = el('span', 'swatch'); sw.style.background = 'linear-gradient(90deg,' + ramp(0) + ',' + ramp(0.5) + ',' + ramp(1) + ')'; lg.appendChild(sw);
    lg.appendChild(document.createTextNode((by === 'time' ? (total > 0 ? (100 * max / total).toPrecision(3) + ' % (' + time(max) + ')' : '') : si(max)) + ' · colour ∝ √share'));
  }
  drawKernels(M, E);
}

// Fused kernels of an engine (when the estimate has them): a dashed box around each group's nodes.
function drawKernels(M, E) {
  var box = clear($('graph-kernels'));
  if (!E || !E.kernels) return;
  var index = {};
  if (!E.kernels.length || !E.kernels[0].members) M.nodes.forEach(function (n, i) { if (index[n.name] === undefined) index[n.name] = i; });
  E.kernels.forEach(function (k) {
    var members = k.members || (k.nodes || []).map(function (name) { return index[name]; }).filter(function (i) { return i !== undefined; });
    if (members.length < 2) return;
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    members.forEach(function (i) { x0 = Math.min(x0, graph.x[i]); y0 = Math.min(y0, graph.y[i]); x1 = Math.max(x1, graph.x[i] + NW); y1 = Math.max(y1, graph.y[i] + NH); });
    var r = sv('rect', { 'class': 'kernel', x: x0 - 5, y: y0 - 5, width: x1 - x0 + 10, height: y1 - y0 + 10 });
    r.setAttribute('data-kernel', k.name);
    box.appendChild(r);
  });
}
