(function () {
  'use strict';
  // Every model-provided string is set with textContent or setAttribute on SVG numbers: never innerHTML.
  var D = JSON.parse(document.getElementById('report-data').textContent);
  var NS = 'http://www.w3.org/2000/svg';
  var COLORS = ['#e76f51', '#2a9d8f', '#8e44ad', '#e9c46a', '#264653', '#f4a261', '#6d597a', '#457b9d', '#b5838d'];
  var $ = function (id) { return document.getElementById(id); };
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function sv(tag, attrs, text) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function si(v, unit) {
    if (v === undefined || v === null || !isFinite(v)) return '';
    var p = ['', 'K', 'M', 'G', 'T', 'P', 'E'], i = 0, a = v;
    while (Math.abs(a) >= 1000 && i < p.length - 1) { a /= 1000; i++; }
    var s = i === 0 && Math.round(a) === a ? String(a) : Number(a.toPrecision(3)).toString();
    return s + (i || unit ? ' ' : '') + p[i] + (unit || '');
  }
  function small(v) { return v >= 0.01 || v === 0 ? Number(v.toPrecision(3)).toString() : v.toExponential(2); }
  function time(s) {
    if (s === undefined || s === null || !isFinite(s)) return '';
    if (s === 0) return '0';
    if (s < 1e-6) return Number((s * 1e9).toPrecision(3)) + ' ns';
    if (s < 1e-3) return Number((s * 1e6).toPrecision(3)) + ' µs';
    if (s < 1) return Number((s * 1e3).toPrecision(3)) + ' ms';
    return Number(s.toPrecision(3)) + ' s';
  }
  var nodes = D.nodes || [], chips = D.chips || [];
  var hasMeasured = nodes.some(function (n) { return typeof n.measuredS === 'number'; });

  // ---- header
  $('title').textContent = D.title;
  var sub = [D.modelPath, D.producer, D.irVersion > 0 ? 'IR ' + D.irVersion : '', D.opset > 0 ? 'opset ' + D.opset : ''];
  var dims = Object.keys(D.dims || {});
  if (dims.length) sub.push('dims: ' + dims.map(function (k) { return k + '=' + D.dims[k]; }).join(', '));
  $('subtitle').textContent = sub.filter(Boolean).join(' · ');
  var T = D.totals;
  function card(value, label) { var c = el('div', 'card'); c.appendChild(el('b', null, value)); c.appendChild(el('span', null, label)); $('totals').appendChild(c); }
  card(si(T.params), 'params');
  card(si(T.macs), 'MACs');
  card(si(T.flops), 'FLOPs');
  card(si(T.weightBytes, 'B'), 'weights');
  card(si(T.peakActivationBytes, 'B'), 'peak activations');
  card(si(T.memoryAccessBytes, 'B'), 'memory access');
  card(String(T.nodes), T.unknownNodes ? 'nodes (' + T.unknownNodes + ' not counted)' : 'nodes');
  chips.forEach(function (c) {
    if (typeof c.predictedS === 'number') {
      var eng = c.engine + (c.engineAssumed ? ' (default)' : '');
      card(time(c.boundS), 'bound on ' + c.name + ' (' + eng + ', fused)');
      card(time(c.predictedS), 'predicted on ' + c.name + ' (' + eng + ')');
      card(time(c.totalTimeS), 'node roofline on ' + c.name);
    } else card(time(c.totalTimeS), 'predicted on ' + c.name);
  });
  if (typeof D.measuredLatencyS === 'number') card(time(D.measuredLatencyS), 'measured' + (D.measuredOn ? ' on ' + D.measuredOn : ''));
  (D.notes || []).forEach(function (n) { $('notes').appendChild(el('li', null, n)); });
  $('hw').textContent = chips.length ? 'Hardware: ' + chips.map(function (c) { return c.name + ' (' + si(c.bandwidthBytesPerS, 'B/s') + ')'; }).join(', ') : 'No hardware selected.';

  // ---- tooltip
  var tip = $('tooltip');
  function showTip(ev, text) { tip.textContent = text; tip.hidden = false; tip.style.left = (ev.clientX + 14) + 'px'; tip.style.top = (ev.clientY + 14) + 'px'; }
  function hideTip() { tip.hidden = true; }

  // ---- roofline per chip
  function roofline(chip, ci) {
    var longest = 0; // right margin wide enough for the longest ceiling label
    Object.keys(chip.peaks || {}).forEach(function (k) { longest += k.length + 1; });
    var R = Math.min(170, 56 + 7 * Math.min(longest, 16)), W = 570 + R, H = 400, L = 70, Tp = 14, B = 46;
    var peaks = [];
    Object.keys(chip.peaks || {}).map(function (k) { return { name: k, v: chip.peaks[k] }; }).sort(function (a, b) { return b.v - a.v; })
      .forEach(function (pk) { // precisions with the same peak share one ceiling (fp8/int8 1.98 P)
        var same = peaks.filter(function (q) { return Math.abs(q.v - pk.v) <= 1e-9 * pk.v; })[0];
        if (same) same.name += '/' + pk.name; else peaks.push(pk);
      });
    var bw = chip.bandwidthBytesPerS, maxPeak = peaks.length ? peaks[0].v : 0;
    var pts = [], skipped = 0, maxT = 0, K = chip.kernels || [];
    if (K.length) K.forEach(function (k, i) { // an engine's fused kernels are what runs: plot them
      var p = { intensity: k.intensity, attainableFlopsPerS: k.attainableFlopsPerS, timeS: k.predictedS, bound: k.bound };
      if (p.intensity > 0 && p.attainableFlopsPerS > 0 && p.timeS > 0) { pts.push({ p: p, i: i, k: k }); if (p.timeS > maxT) maxT = p.timeS; } else skipped++;
    });
    else chip.nodes.forEach(function (p, i) {
      if (p.intensity > 0 && p.attainableFlopsPerS > 0 && p.timeS > 0) { pts.push({ p: p, i: i }); if (p.timeS > maxT) maxT = p.timeS; } else skipped++;
    });
    var xs = pts.map(function (q) { return q.p.intensity; }), ys = pts.map(function (q) { return q.p.attainableFlopsPerS; });
    if (bw > 0) peaks.forEach(function (pk) { xs.push(pk.v / bw); ys.push(pk.v); });
    if (!xs.length) { xs = [0.1, 1000]; ys = [1e9, 1e12]; }
    var x0 = Math.pow(10, Math.floor(Math.log10(Math.min.apply(null, xs)) - 0.3)), x1 = Math.pow(10, Math.ceil(Math.log10(Math.max.apply(null, xs)) + 0.3));
    var y1 = Math.pow(10, Math.ceil(Math.log10(Math.max.apply(null, ys)) + 0.2));
    var y0 = Math.pow(10, Math.floor(Math.log10(Math.min(Math.min.apply(null, ys), bw > 0 ? bw * x0 : Infinity))));
    if (!(y0 < y1)) y0 = y1 / 1e6;
    function X(v) { return L + (Math.log10(v) - Math.log10(x0)) / (Math.log10(x1) - Math.log10(x0)) * (W - L - R); }
    function Y(v) { return H - B - (Math.log10(v) - Math.log10(y0)) / (Math.log10(y1) - Math.log10(y0)) * (H - Tp - B); }
    var svg = sv('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'class': 'roofline', 'data-chip': chip.id });
    var e;
    for (e = Math.ceil(Math.log10(x0)); e <= Math.floor(Math.log10(x1)); e++) {
      svg.appendChild(sv('line', { 'class': 'grid', x1: X(Math.pow(10, e)), x2: X(Math.pow(10, e)), y1: Tp, y2: H - B }));
      svg.appendChild(sv('text', { x: X(Math.pow(10, e)), y: H - B + 15, 'text-anchor': 'middle' }, si(Math.pow(10, e))));
    }
    for (e = Math.ceil(Math.log10(y0)); e <= Math.floor(Math.log10(y1)); e++) {
      svg.appendChild(sv('line', { 'class': 'grid', x1: L, x2: W - R, y1: Y(Math.pow(10, e)), y2: Y(Math.pow(10, e)) }));
      svg.appendChild(sv('text', { x: L - 6, y: Y(Math.pow(10, e)) + 4, 'text-anchor': 'end' }, si(Math.pow(10, e))));
    }
    svg.appendChild(sv('line', { 'class': 'axis', x1: L, x2: W - R, y1: H - B, y2: H - B }));
    svg.appendChild(sv('line', { 'class': 'axis', x1: L, x2: L, y1: Tp, y2: H - B }));
    svg.appendChild(sv('text', { x: (L + W - R) / 2, y: H - 8, 'text-anchor': 'middle' }, 'arithmetic intensity (FLOP/byte)'));
    svg.appendChild(sv('text', { x: 14, y: (Tp + H - B) / 2, 'text-anchor': 'middle', transform: 'rotate(-90 14 ' + (Tp + H - B) / 2 + ')' }, 'attainable FLOP/s'));
    if (bw > 0 && maxPeak > 0) {
      var sx = Math.max(x0, y0 / bw);
      svg.appendChild(sv('line', { 'class': 'slope', x1: X(sx), y1: Y(bw * sx), x2: X(maxPeak / bw), y2: Y(maxPeak) }));
      svg.appendChild(sv('text', { x: X(sx) + 6, y: Y(bw * sx) - 8, transform: '' }, si(bw, 'B/s')));
    }
    var lastLabelY = -1e9;
    peaks.forEach(function (pk, k) {
      var col = COLORS[k % COLORS.length], rx = bw > 0 ? Math.max(x0, pk.v / bw) : x0;
      svg.appendChild(sv('line', { 'class': 'ceil', stroke: col, x1: X(rx), x2: X(x1), y1: Y(pk.v), y2: Y(pk.v) }));
      var ly = Math.max(Y(pk.v) + 4, lastLabelY + 12); // keep labels of close ceilings from overlapping
      lastLabelY = ly;
      svg.appendChild(sv('text', { x: W - R + 4, y: ly, fill: col, style: 'fill:' + col }, pk.name + ' ' + si(pk.v)));
    });
    pts.sort(function (a, b) { return b.p.timeS - a.p.timeS; });
    pts.forEach(function (q) {
      var r = 2.5 + 9 * Math.sqrt(q.p.timeS / maxT);
      var c = sv('circle', { 'class': (q.k ? 'pt kpt ' : 'pt ') + q.p.bound, cx: X(q.p.intensity), cy: Y(q.p.attainableFlopsPerS), r: r.toFixed(1), 'data-i': q.i });
      if (q.k) c.setAttribute('data-kernel', q.k.name);
      svg.appendChild(c);
    });
    svg.addEventListener('mousemove', function (ev) {
      var t = ev.target; if (!t.classList || !t.classList.contains('pt')) { hideTip(); return; }
      if (t.classList.contains('kpt')) {
        var k = K[+t.getAttribute('data-i')];
        showTip(ev, k.name + ' (' + k.kind + ' kernel, ' + k.nodes.length + ' nodes)\n' + k.nodes.slice(0, 8).join(', ') + (k.nodes.length > 8 ? ' …' : '') +
          '\nbound ' + time(k.boundS) + ' · predicted ' + time(k.predictedS) + ' · ' + k.bound + '-bound\n' + small(k.intensity) + ' FLOP/B');
        return;
      }
      var i = +t.getAttribute('data-i'), p = chip.nodes[i], n = nodes[i];
      showTip(ev, n.name + '\n' + n.opType + ' · ' + time(p.timeS) + ' · ' + p.bound + '-bound\n' +
        small(p.intensity) + ' FLOP/B · ' + si(p.attainableFlopsPerS, 'FLOP/s'));
    });
    svg.addEventListener('mouseleave', hideTip);
    svg.addEventListener('click', function (ev) { var t = ev.target; if (t.classList && t.classList.contains('pt') && !t.classList.contains('kpt')) jump(+t.getAttribute('data-i'), t); });
    var box = el('div', 'chart');
    box.appendChild(el('h3', null, K.length ? chip.name + ' — ' + chip.engine + ': bound ' + time(chip.boundS) + ', predicted ' + time(chip.predictedS) + ' (' + K.length + ' fused kernels)'
      : chip.name + ' — predicted ' + time(chip.totalTimeS)));
    box.appendChild(svg);
    var lg = el('div', 'legend');
    lg.appendChild(el('i')).style.background = 'var(--mem)'; lg.appendChild(document.createTextNode('memory-bound'));
    lg.appendChild(el('i')).style.background = 'var(--cmp)'; lg.appendChild(document.createTextNode('compute-bound · point area ∝ predicted time'));
    if (skipped) lg.appendChild(document.createTextNode(' · ' + skipped + (skipped === 1 ? (K.length ? ' kernel' : ' node') : (K.length ? ' kernels' : ' nodes')) + ' with no FLOPs not drawn'));
    box.appendChild(lg);
    if (K.length) { // the kernels and the nodes each holds
      var det = el('details', 'kernels'), tb = el('table'), hr = el('tr');
      det.appendChild(el('summary', null, K.length + ' kernels under ' + chip.engine + ' and the nodes each holds'));
      ['Kernel', 'Kind', 'Nodes', 'Bound', 'Predicted', 'Limit'].forEach(function (h) { hr.appendChild(el('th', null, h)); });
      tb.appendChild(hr);
      K.forEach(function (k) {
        var tr = el('tr'); tr.setAttribute('data-kernel', k.name);
        [k.name, k.kind, k.nodes.join(', '), time(k.boundS), time(k.predictedS), k.bound].forEach(function (v) { tr.appendChild(el('td', null, v)); });
        tb.appendChild(tr);
      });
      det.appendChild(tb); box.appendChild(det);
    }
    $('roofline-charts').appendChild(box);
  }
  if (chips.length) chips.forEach(roofline); else $('roofs').hidden = true;

  // ---- by op type: time on the first chip and FLOPs, as shares of the total
  (function () {
    var ops = (D.byOpType || []).map(function (o) { return { op: o.opType, count: o.count, flops: o.flops, t: 0 }; });
    var idx = {}; ops.forEach(function (o, k) { idx[o.op] = k; });
    var c0 = chips[0];
    if (c0) c0.nodes.forEach(function (p, i) { var k = idx[nodes[i].opType]; if (k !== undefined) ops[k].t += p.timeS; });
    var tt = ops.reduce(function (s, o) { return s + o.t; }, 0), tf = ops.reduce(function (s, o) { return s + o.flops; }, 0);
    ops.sort(function (a, b) { return (b.t - a.t) || (b.flops - a.flops); });
    var W = 900, row = 24, L = 190, top = 22, H = top + ops.length * row + 6, bw = W - L - 150;
    var svg = sv('svg', { viewBox: '0 0 ' + W + ' ' + H, 'class': 'bars' });
    svg.appendChild(sv('rect', { 'class': 'bar-t', x: L, y: 4, width: 10, height: 10 }));
    svg.appendChild(sv('text', { x: L + 14, y: 13 }, c0 ? 'share of predicted time on ' + c0.name : 'no hardware: time not shown'));
    svg.appendChild(sv('rect', { 'class': 'bar-f', x: L + 330, y: 4, width: 10, height: 10 }));
    svg.appendChild(sv('text', { x: L + 344, y: 13 }, 'share of FLOPs'));
    ops.forEach(function (o, k) {
      var y = top + k * row;
      svg.appendChild(sv('text', { x: L - 8, y: y + 14, 'text-anchor': 'end' }, o.op + ' ×' + o.count));
      var wt = tt > 0 ? o.t / tt * bw : 0, wf = tf > 0 ? o.flops / tf * bw : 0;
      svg.appendChild(sv('rect', { 'class': 'bar-t', x: L, y: y + 3, width: wt.toFixed(1), height: 8 }));
      svg.appendChild(sv('rect', { 'class': 'bar-f', x: L, y: y + 12, width: wf.toFixed(1), height: 8 }));
      svg.appendChild(sv('text', { x: L + Math.max(wt, wf) + 6, y: y + 15 }, (c0 ? time(o.t) + ' · ' : '') + si(o.flops, 'FLOP')));
    });
    $('optype-chart').appendChild(svg);
  })();

  // ---- node table
  var cols = [
    { label: '#', num: true, v: function (i) { return i; }, f: function (v) { return String(v + 1); } },
    { label: 'Name', v: function (i) { return nodes[i].name; }, cls: 'name' },
    { label: 'Op type', v: function (i) { return nodes[i].opType; } },
    { label: 'Output shape', v: function (i) { return nodes[i].outputShape; } },
    { label: 'Params', num: true, v: function (i) { return nodes[i].params; }, f: si },
    { label: 'MACs', num: true, v: function (i) { return nodes[i].macs; }, f: si },
    { label: 'FLOPs', num: true, v: function (i) { return nodes[i].flops; }, f: si },
    { label: 'Read', num: true, v: function (i) { return nodes[i].bytesRead; }, f: function (v) { return si(v, 'B'); } },
    { label: 'Written', num: true, v: function (i) { return nodes[i].bytesWritten; }, f: function (v) { return si(v, 'B'); } },
    { label: 'FLOP/B', num: true, v: function (i) { var b = nodes[i].bytesRead + nodes[i].bytesWritten; return b > 0 ? nodes[i].flops / b : 0; }, f: small },
    { label: 'Precision', v: function (i) { return nodes[i].precision; } }
  ];
  chips.forEach(function (c) {
    cols.push({ label: 'Time ' + c.id, num: true, v: function (i) { return c.nodes[i].timeS; }, f: time });
    cols.push({ label: 'Bound ' + c.id, v: function (i) { return c.nodes[i].bound; }, b: true });
  });
  if (hasMeasured) {
    cols.push({ label: 'Measured', num: true, v: function (i) { return typeof nodes[i].measuredS === 'number' ? nodes[i].measuredS : -1; }, f: function (v) { return v < 0 ? '' : time(v); } });
    if (chips.length) cols.push({ label: 'Measured / predicted', num: true, v: function (i) { var m = nodes[i].measuredS, p = chips[0].nodes[i].timeS; return typeof m === 'number' && p > 0 ? m / p : -1; }, f: function (v) { return v < 0 ? '' : small(v) + '×'; } });
  }
  var head = $('node-head'), body = $('node-body'), rows = new Array(nodes.length), sortState = { c: -1, dir: 1 };
  cols.forEach(function (c, ci) {
    var th = el('th', c.num ? 'num' : null, c.label);
    th.setAttribute('data-col', ci);
    th.addEventListener('click', function () { sortBy(ci); });
    head.appendChild(th);
  });
  var frag = document.createDocumentFragment();
  for (var i = 0; i < nodes.length; i++) {
    var tr = document.createElement('tr');
    tr.setAttribute('data-i', i);
    if (nodes[i].counted === false) tr.className = 'uncounted';
    for (var ci = 0; ci < cols.length; ci++) {
      var c = cols[ci], v = c.v(i), td = document.createElement('td');
      if (c.num) td.className = 'num'; else if (c.cls) td.className = c.cls;
      if (c.b) td.className = 'b-' + v;
      td.textContent = c.f ? c.f(v) : (v === undefined || v === null ? '' : String(v));
      if (c.cls === 'name') td.title = String(v);
      tr.appendChild(td);
    }
    rows[i] = tr; frag.appendChild(tr);
  }
  body.appendChild(frag);
  function sortBy(ci) {
    var c = cols[ci];
    sortState.dir = sortState.c === ci ? -sortState.dir : (c.num ? -1 : 1);
    sortState.c = ci;
    var keys = nodes.map(function (n, i) { return c.v(i); });
    var order = nodes.map(function (n, i) { return i; });
    order.sort(function (a, b) {
      var x = keys[a], y = keys[b], r = c.num ? x - y : String(x).localeCompare(String(y));
      return r * sortState.dir || a - b;
    });
    var f = document.createDocumentFragment();
    order.forEach(function (i) { f.appendChild(rows[i]); });
    body.appendChild(f);
    Array.prototype.forEach.call(head.children, function (th, k) {
      if (k === ci) th.setAttribute('aria-sort', sortState.dir > 0 ? 'ascending' : 'descending'); else th.removeAttribute('aria-sort');
    });
  }
  var opSel = $('op-filter'), nameBox = $('name-filter'), counts = {};
  nodes.forEach(function (n) { counts[n.opType] = (counts[n.opType] || 0) + 1; });
  Object.keys(counts).sort().forEach(function (op) { var o = el('option', null, op + ' (' + counts[op] + ')'); o.value = op; opSel.appendChild(o); });
  function applyFilter() {
    var op = opSel.value, q = nameBox.value.toLowerCase(), shown = 0;
    for (var i = 0; i < nodes.length; i++) {
      var ok = (!op || nodes[i].opType === op) && (!q || nodes[i].name.toLowerCase().indexOf(q) >= 0);
      rows[i].hidden = !ok; if (ok) shown++;
    }
    $('row-count').textContent = shown + ' of ' + nodes.length + ' nodes';
  }
  opSel.addEventListener('change', applyFilter);
  nameBox.addEventListener('input', applyFilter);
  applyFilter();
  var lastRow = null, lastPt = null;
  function jump(i, pt) {
    var r = rows[i]; if (!r) return;
    if (r.hidden) { opSel.value = ''; nameBox.value = ''; applyFilter(); }
    if (lastRow) lastRow.classList.remove('hl');
    if (lastPt) lastPt.classList.remove('sel');
    r.classList.add('hl'); lastRow = r;
    if (pt) { pt.classList.add('sel'); lastPt = pt; }
    r.scrollIntoView({ block: 'center' });
  }

  // ---- diagnostics and footer
  var dl = $('diag-list');
  (D.diagnostics || []).forEach(function (d) { dl.appendChild(el('li', d.severity, d.severity + ': ' + (d.node ? d.node + ': ' : '') + d.message)); });
  if (!dl.children.length) dl.appendChild(el('li', null, 'none'));
  $('command').textContent = D.command;
  $('version').textContent = D.toolVersion;
  document.documentElement.setAttribute('data-rendered', 'true');
})();
