// ---- report: header, rooflines, by-op-type chart, node table. Each takes the model and the chip estimates on display.
var tip = $('tooltip');
function showTip(ev, text) { tip.textContent = text; tip.hidden = false; tip.style.left = (ev.clientX + 14) + 'px'; tip.style.top = (ev.clientY + 14) + 'px'; }
function hideTip() { tip.hidden = true; }

// `state` = the what-if selection ({batch, precision, engine}) or null; its batch re-binds the batch symbol in the dims line.
function renderHeader(M, Es, C, state) {
  var batch = state ? state.batch : 0;
  $('title').textContent = M.title;
  var sub = [M.modelPath, M.producer, M.irVersion > 0 ? 'IR ' + M.irVersion : '', M.opset > 0 ? 'opset ' + M.opset : ''];
  var dims = Object.keys(M.dims), sym = M.whatIf && M.whatIf.batchSymbol;
  if (dims.length) sub.push('dims: ' + dims.map(function (k) { return k + '=' + (k === sym && batch ? batch : M.dims[k]); }).join(', '));
  $('subtitle').textContent = sub.filter(Boolean).join(' · ');
  var T = C ? C.totals : M.totals, box = clear($('totals'));
  function card(value, label) { var c = el('div', 'card'); c.appendChild(el('b', null, value)); c.appendChild(el('span', null, label)); box.appendChild(c); }
  card(si(T.params), 'params');
  card(si(T.macs), 'MACs');
  card(si(T.flops), 'FLOPs');
  card(si(T.weightBytes, 'B'), 'weights');
  card(si(T.peakActivationBytes, 'B'), 'peak activations');
  card(si(T.memoryAccessBytes, 'B'), 'memory access');
  card(String(T.nodes), T.unknownNodes ? 'nodes (' + T.unknownNodes + ' not counted)' : 'nodes');
  Es.forEach(function (c) {
    if (typeof c.predictedS === 'number') {
      var eng = c.engine + (c.engineAssumed ? ' (default)' : '');
      card(time(c.boundS), 'bound on ' + c.name + ' (' + eng + ', fused)');
      card(time(c.predictedS), 'predicted on ' + c.name + ' (' + eng + ')');
      card(time(c.totalTimeS), 'node roofline on ' + c.name);
    } else card(time(c.totalTimeS), 'predicted on ' + c.name);
  });
  if (typeof M.measuredLatencyS === 'number') card(time(M.measuredLatencyS), 'measured' + (M.measuredOn ? ' on ' + M.measuredOn : ''));
  var notes = clear($('notes'));
  // the report's "Predictions at batch …" note describes the CLI's own choice; with the what-if it names the current one
  var W = M.whatIf;
  M.notes.forEach(function (n) {
    if (W && state && n.indexOf('Predictions at batch ') === 0 && (state.batch !== W.batch || state.precision !== W.precision || state.engine !== (W.engine || '')))
      n = 'Predictions at batch ' + state.batch + ', ' + (state.precision === 'model' ? 'each node in the model\'s own precision' : 'precision ' + state.precision + ' (what-if)') +
        (state.engine ? ', under ' + state.engine : '') + ' (the what-if below; the report was written for batch ' + W.batch + ', ' + W.precision + ').';
    notes.appendChild(el('li', null, n));
  });
  $('hw').textContent = Es.length ? 'Hardware: ' + Es.map(function (c) { return c.name + ' (' + si(c.bandwidthBytesPerS, 'B/s') + ')'; }).join(', ') : 'No hardware selected.';
}

// One roofline chart; opts.only = a node index to draw alone (the node panel), opts.onClick(i) when a point is clicked.
function roofline(M, chip, opts) {
  opts = opts || {};
  var longest = 0;
  Object.keys(chip.peaks || {}).forEach(function (k) { longest += k.length + 1; });
  var R = Math.min(170, 56 + 7 * Math.min(longest, 16)), W = 570 + R, H = 400, L = 70, Tp = 14, B = 46;
  var peaks = [];
  Object.keys(chip.peaks || {}).map(function (k) { return { name: k, v: chip.peaks[k] }; }).sort(function (a, b) { return b.v - a.v; })
    .forEach(function (pk) { // precisions with the same peak share one ceiling (fp8/int8 1.98 P)
      var same = peaks.filter(function (q) { return Math.abs(q.v - pk.v) <= 1e-9 * pk.v; })[0];
      if (same) same.name += '/' + pk.name; else peaks.push(pk);
    });
  var bw = chip.bandwidthBytesPerS, maxPeak = peaks.length ? peaks[0].v : 0;
  var pts = [], skipped = 0, maxT = 0, K = opts.only === undefined && chip.kernels ? chip.kernels : [];
  if (K.length) K.forEach(function (k, i) { // an engine's fused kernels are what runs: plot them
    var p = { intensity: k.intensity, attainableFlopsPerS: k.attainableFlopsPerS, timeS: k.predictedS, bound: k.bound };
    if (p.intensity > 0 && p.attainableFlopsPerS > 0 && p.timeS > 0) { pts.push({ p: p, i: i, k: k }); if (p.timeS > maxT) maxT = p.timeS; } else skipped++;
  });
  else chip.nodes.forEach(function (p, i) {
    if (opts.only !== undefined && i !== opts.only) return;
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
  var svg = sv('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'class': opts.only !== undefined ? 'roofline-one' : 'roofline', 'data-chip': chip.id,
    'aria-label': 'Roofline of ' + chip.name });
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
    svg.appendChild(sv('text', { x: X(sx) + 6, y: Y(bw * sx) - 8 }, si(bw, 'B/s')));
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
    var r = opts.only !== undefined ? 7 : 2.5 + 9 * Math.sqrt(q.p.timeS / maxT);
    var c = sv('circle', { 'class': (q.k ? 'pt kpt ' : 'pt ') + q.p.bound + (opts.only !== undefined ? ' sel' : ''), cx: X(q.p.intensity), cy: Y(q.p.attainableFlopsPerS), r: r.toFixed(1), 'data-i': q.i });
    if (q.k) c.setAttribute('data-kernel', q.k.name);
    svg.appendChild(c);
  });
  svg.addEventListener('mousemove', function (ev) {
    var t = ev.target; if (!t.classList || !t.classList.contains('pt')) { hideTip(); return; }
    if (t.classList.contains('kpt')) {
      var k = K[+t.getAttribute('data-i')];
      var kn = kernelNodes(M, k);
      showTip(ev, k.name + ' (' + k.kind + ' kernel, ' + kn.length + ' nodes)\n' + kn.slice(0, 8).join(', ') + (kn.length > 8 ? ' …' : '') +
        '\nbound ' + time(k.boundS) + ' · predicted ' + time(k.predictedS) + ' · ' + k.bound + '-bound\n' + small(k.intensity) + ' FLOP/B');
      return;
    }
    var i = +t.getAttribute('data-i'), p = chip.nodes[i], n = M.nodes[i];
    showTip(ev, n.name + '\n' + n.opType + ' · ' + time(p.timeS) + ' · ' + p.bound + '-bound\n' +
      small(p.intensity) + ' FLOP/B · ' + si(p.attainableFlopsPerS, 'FLOP/s'));
  });
  svg.addEventListener('mouseleave', hideTip);
  svg.addEventListener('click', function (ev) { var t = ev.target; if (t.classList && t.classList.contains('pt') && !t.classList.contains('kpt') && opts.onClick) opts.onClick(+t.getAttribute('data-i'), t); });
  return { svg: svg, skipped: skipped, kernels: K };
}

function renderRooflines(M, Es, onClick) {
  var box = clear($('roofline-charts'));
  $('roofs').hidden = !Es.length;
  Es.forEach(function (chip) {
    var r = roofline(M, chip, { onClick: onClick }), div = el('div', 'chart');
    var K = r.kernels;
    div.appendChild(el('h3', null, K.length ? chip.name + ' — ' + chip.engine + ': bound ' + time(chip.boundS) + ', predicted ' + time(chip.predictedS) + ' (' + K.length + ' fused kernels)'
      : chip.name + ' — predicted ' + time(chip.totalTimeS)));
    div.appendChild(r.svg);
    var lg = el('div', 'legend');
    lg.appendChild(el('i')).style.background = 'var(--mem)'; lg.appendChild(document.createTextNode('memory-bound'));
    lg.appendChild(el('i')).style.background = 'var(--cmp)'; lg.appendChild(document.createTextNode('compute-bound · point area ∝ predicted time'));
    if (r.skipped) lg.appendChild(document.createTextNode(' · ' + r.skipped + (r.skipped === 1 ? (K.length ? ' kernel' : ' node') : (K.length ? ' kernels' : ' nodes')) + ' with no FLOPs not drawn'));
    div.appendChild(lg);
    if (K.length) { // the kernels and the nodes each holds
      var det = el('details', 'kernels'), tb = el('table'), hr = el('tr');
      det.appendChild(el('summary', null, K.length + ' kernels under ' + chip.engine + ' and the nodes each holds'));
      ['Kernel', 'Kind', 'Nodes', 'Bound', 'Predicted', 'Limit'].forEach(function (h) { hr.appendChild(el('th', null, h)); });
      tb.appendChild(hr);
      K.forEach(function (k) {
        var tr = el('tr'); tr.setAttribute('data-kernel', k.name); tr.setAttribute('data-bound-s', String(k.boundS)); tr.setAttribute('data-predicted-s', String(k.predictedS));
        [k.name, k.kind, kernelNodes(M, k).join(', '), time(k.boundS), time(k.predictedS), k.bound].forEach(function (v) { tr.appendChild(el('td', null, v)); });
        tb.appendChild(tr);
      });
      det.appendChild(tb); div.appendChild(det);
    }
    box.appendChild(div);
  });
}

// By op type: count, time on the first chip and FLOPs, as shares of the total.
function opRollup(M, E, C) {
  var ops = [], idx = {};
  M.nodes.forEach(function (n, i) {
    var k = idx[n.opType];
    if (k === undefined) { k = idx[n.opType] = ops.length; ops.push({ op: n.opType, count: 0, flops: 0, macs: 0, t: 0 }); }
    var o = ops[k];
    o.count++; o.flops += C ? C.flops[i] : n.flops; o.macs += C ? C.macs[i] : n.macs;
    if (E) o.t += E.nodes[i].timeS;
  });
  return ops;
}

function renderOpTypes(M, E, C) {
  var ops = opRollup(M, E, C), c0 = E;
  var tt = ops.reduce(function (s, o) { return s + o.t; }, 0), tf = ops.reduce(function (s, o) { return s + o.flops; }, 0);
  ops.sort(function (a, b) { return (b.t - a.t) || (b.flops - a.flops); });
  var W = 900, row = 24, L = 190, top = 22, H = top + ops.length * row + 6, bw = W - L - 150;
  var svg = sv('svg', { viewBox: '0 0 ' + W + ' ' + H, 'class': 'bars', role: 'img', 'aria-label': 'Time and FLOPs by op type' });
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
  clear($('optype-chart')).appendChild(svg);
}
