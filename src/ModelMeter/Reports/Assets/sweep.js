// ---- sweep: cost and estimated latency against one symbolic dim (report --sweep NAME=…): a chart (FLOPs on the left axis, each
// chip's latency on the right) and a table, one row per value.
(function renderSweep(S) {
  if (!S || !S.values || !S.values.length) return;
  $('sweep').hidden = false;
  $('sweep-title').textContent = 'Sweep of ' + S.dim + ' (' + S.values.length + ' values)';
  var n = S.values.length, i, W = 760, H = 380, L = 74, R = 84, Tp = 16, B = 46;
  var xs = S.values, flops = S.flops, chips = S.chips || [];
  function finite(a) { return a.filter(function (v) { return typeof v === 'number' && isFinite(v); }); }
  function range(a) { var f = finite(a); return f.length ? [Math.min.apply(null, f), Math.max.apply(null, f)] : [0, 1]; }
  var rx = range(xs), rf = range(flops), lat = [];
  chips.forEach(function (c) { lat = lat.concat(c.latencyS); });
  var rl = range(lat);
  if (rx[0] === rx[1]) { rx[0] -= 1; rx[1] += 1; }
  function X(v) { return L + (v - rx[0]) / (rx[1] - rx[0]) * (W - L - R); }
  function Yf(v) { return H - B - v / (rf[1] || 1) * (H - Tp - B); }
  function Yl(v) { return H - B - v / (rl[1] || 1) * (H - Tp - B); }
  var svg = sv('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'class': 'sweep-chart', 'aria-label': 'FLOPs and estimated latency against ' + S.dim });
  for (i = 0; i <= 4; i++) {
    var y = Tp + i * (H - Tp - B) / 4;
    svg.appendChild(sv('line', { 'class': 'grid', x1: L, x2: W - R, y1: y, y2: y }));
    svg.appendChild(sv('text', { x: L - 6, y: y + 4, 'text-anchor': 'end' }, si(rf[1] * (4 - i) / 4)));
    if (chips.length) svg.appendChild(sv('text', { x: W - R + 6, y: y + 4 }, time(rl[1] * (4 - i) / 4)));
  }
  xs.forEach(function (v) { svg.appendChild(sv('text', { x: X(v), y: H - B + 15, 'text-anchor': 'middle' }, thousands(v))); });
  svg.appendChild(sv('line', { 'class': 'axis', x1: L, x2: W - R, y1: H - B, y2: H - B }));
  svg.appendChild(sv('line', { 'class': 'axis', x1: L, x2: L, y1: Tp, y2: H - B }));
  svg.appendChild(sv('text', { x: (L + W - R) / 2, y: H - 8, 'text-anchor': 'middle' }, S.dim));
  svg.appendChild(sv('text', { x: 14, y: (Tp + H - B) / 2, 'text-anchor': 'middle', transform: 'rotate(-90 14 ' + (Tp + H - B) / 2 + ')' }, 'FLOPs'));
  if (chips.length) svg.appendChild(sv('text', { x: W - 10, y: (Tp + H - B) / 2, 'text-anchor': 'middle', transform: 'rotate(90 ' + (W - 10) + ' ' + (Tp + H - B) / 2 + ')' }, 'estimated latency'));
  function series(values, Y, color, cls, attr, chip) {
    var d = '', k;
    for (k = 0; k < n; k++) if (typeof values[k] === 'number') d += (d ? ' L ' : 'M ') + X(xs[k]).toFixed(1) + ' ' + Y(values[k]).toFixed(1);
    if (d) svg.appendChild(sv('path', { d: d, fill: 'none', stroke: color, 'stroke-width': 2, 'class': cls }));
    for (k = 0; k < n; k++) if (typeof values[k] === 'number') {
      var c = sv('circle', { cx: X(xs[k]), cy: Y(values[k]), r: 4, fill: color, 'class': cls + '-pt', 'data-value': xs[k] });
      c.setAttribute(attr, values[k]);
      if (chip) c.setAttribute('data-chip', chip);
      c.appendChild(sv('title', {}, S.dim + ' = ' + xs[k] + ': ' + (attr === 'data-flops' ? si(values[k], 'FLOP') : time(values[k]))));
      svg.appendChild(c);
    }
  }
  series(flops, Yf, '#264653', 'sweep-flops', 'data-flops');
  chips.forEach(function (c, k) {
    series(c.latencyS, Yl, COLORS[k % COLORS.length], 'sweep-latency', 'data-latency-s', c.id);
  });
  var box = clear($('sweep-chart')), fig = el('div', 'chart');
  fig.appendChild(svg);
  var legend = el('div', 'legend');
  legend.appendChild(el('span', null, '— FLOPs (left axis)'));
  chips.forEach(function (c, k) { var s = el('span', null, '  — latency on ' + c.id + ' (right axis)'); s.style.color = COLORS[k % COLORS.length]; legend.appendChild(s); });
  fig.appendChild(legend);
  box.appendChild(fig);
  var cols = [[S.dim, function (k) { return thousands(xs[k]); }], ['Params', function (k) { return si(S.params[k]); }], ['MACs', function (k) { return si(S.macs[k]); }],
    ['FLOPs', function (k) { return si(flops[k], 'FLOP'); }], ['Memory access', function (k) { return si(S.memoryAccessBytes[k], 'B'); }],
    ['Peak activations', function (k) { return si(S.peakActivationBytes[k], 'B'); }]];
  chips.forEach(function (c) { cols.push(['Latency on ' + c.id, function (k) { return time(c.latencyS[k]); }]); });
  var anyError = S.errors.some(function (e) { return e; });
  if (anyError) cols.push(['Error', function (k) { return S.errors[k]; }]);
  var head = clear($('sweep-head')), body = clear($('sweep-body'));
  cols.forEach(function (c) { head.appendChild(el('th', null, c[0])); });
  for (i = 0; i < n; i++) {
    var tr = el('tr');
    tr.setAttribute('data-value', xs[i]);
    cols.forEach(function (c) { tr.appendChild(el('td', null, c[1](i))); });
    body.appendChild(tr);
  }
  var notes = clear($('sweep-notes'));
  chips.forEach(function (c) { notes.appendChild(el('li', null, 'Latency on ' + c.id + ': ' + c.meaning)); });
  notes.appendChild(el('li', null, 'Each value is a separate analysis with ' + S.dim + ' bound to it; the rest of the page shows the first value.'));
})(D.sweep);
