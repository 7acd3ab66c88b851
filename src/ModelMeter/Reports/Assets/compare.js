// ---- compare: two models (report a.onnx b.onnx) or one model on two chips, side by side with per-op-type and per-layer deltas
// (B − A). Layers are matched by node name; a layer only one side has is listed with a blank other side.
function deltaCell(tr, a, b, fmt) {
  var d = (b || 0) - (a || 0), td = el('td', 'num' + (d > 0 ? ' pos' : d < 0 ? ' neg' : ''), (d > 0 ? '+' : d < 0 ? '−' : '') + fmt(Math.abs(d)));
  if (a > 0 && b !== undefined) td.title = (b / a).toPrecision(3) + '×';
  tr.appendChild(td);
}

function cmpTable(caption, heads, rows) {
  var t = el('table', 'cmp'), head = el('tr');
  t.appendChild(el('caption', 'muted', caption));
  heads.forEach(function (h, k) { head.appendChild(el('th', k ? 'num' : null, h)); });
  t.appendChild(el('thead')).appendChild(head);
  var body = el('tbody');
  rows.forEach(function (r) { body.appendChild(r); });
  t.appendChild(body);
  var wrap = el('div', 'table-wrap'); wrap.appendChild(t);
  return wrap;
}

function renderCompare(A, B) {
  var body = clear($('compare-body')), hasT = !!(A.E && B.E);
  $('compare').hidden = false;
  $('compare-title').textContent = 'Compare: A = ' + A.label + ' · B = ' + B.label;
  var num = function (v) { return si(v); }, tfmt = function (v) { return time(v); };
  // totals
  var TA = A.C ? A.C.totals : A.M.totals, TB = B.C ? B.C.totals : B.M.totals, rows = [];
  [['params', 'params', num], ['MACs', 'macs', num], ['FLOPs', 'flops', num], ['weights', 'weightBytes', function (v) { return si(v, 'B'); }],
   ['peak activations', 'peakActivationBytes', function (v) { return si(v, 'B'); }], ['nodes', 'nodes', String]].forEach(function (q) {
    var tr = el('tr'); tr.appendChild(el('td', null, q[0]));
    tr.appendChild(el('td', 'num', q[2](TA[q[1]]))); tr.appendChild(el('td', 'num', q[2](TB[q[1]]))); deltaCell(tr, TA[q[1]], TB[q[1]], q[2]);
    rows.push(tr);
  });
  if (hasT) {
    // the total's meaning follows the what-if (the engine's prediction when one is chosen, else the node roofline); the per-op-type
    // and per-layer times below are the node roofline's, which an engine's fused kernels do not split per node
    var LA = typeof A.E.latencyS === 'number' ? A.E.latencyS : A.E.totalTimeS, LB = typeof B.E.latencyS === 'number' ? B.E.latencyS : B.E.totalTimeS;
    var given = A.E.engine && !A.E.engineAssumed, tr = el('tr');
    tr.appendChild(el('td', null, given ? 'latency (' + A.E.engine + ' predicted)' : 'latency (node roofline)'));
    var ta = el('td', 'num', time(LA)), tb = el('td', 'num', time(LB));
    ta.setAttribute('data-latency-a-s', String(LA)); tb.setAttribute('data-latency-b-s', String(LB));
    tr.appendChild(ta); tr.appendChild(tb); deltaCell(tr, LA, LB, tfmt);
    rows.push(tr);
    if (A.E.engine && B.E.engine) {
      var tk = el('tr'); tk.appendChild(el('td', null, 'kernels (' + A.E.engine + (A.E.engine !== B.E.engine ? ' / ' + B.E.engine : '') + ')'));
      tk.appendChild(el('td', 'num', A.E.kernels.length)); tk.appendChild(el('td', 'num', B.E.kernels.length)); deltaCell(tk, A.E.kernels.length, B.E.kernels.length, String);
      rows.push(tk);
    }
  }
  body.appendChild(cmpTable('Totals', ['', 'A', 'B', 'B − A'], rows));
  // per op type
  var ra = opRollup(A.M, A.E, A.C), rb = opRollup(B.M, B.E, B.C), ops = {}, names = [];
  ra.forEach(function (o) { ops[o.op] = { a: o }; names.push(o.op); });
  rb.forEach(function (o) { if (!ops[o.op]) { ops[o.op] = {}; names.push(o.op); } ops[o.op].b = o; });
  var z = { count: 0, macs: 0, flops: 0, t: 0 };
  names.sort(function (x, y) { var p = ops[x], q = ops[y]; return Math.abs(((q.b || z).t - (q.a || z).t)) - Math.abs(((p.b || z).t - (p.a || z).t)) || Math.abs((q.b || z).macs - (q.a || z).macs) - Math.abs((p.b || z).macs - (p.a || z).macs); });
  rows = names.map(function (op) {
    var a = ops[op].a || z, b = ops[op].b || z, tr = el('tr');
    tr.setAttribute('data-op', op);
    tr.appendChild(el('td', null, op));
    tr.appendChild(el('td', 'num', a.count)); tr.appendChild(el('td', 'num', b.count));
    tr.appendChild(el('td', 'num', si(a.macs))); tr.appendChild(el('td', 'num', si(b.macs))); deltaCell(tr, a.macs, b.macs, num);
    if (hasT) { tr.appendChild(el('td', 'num', time(a.t))); tr.appendChild(el('td', 'num', time(b.t))); deltaCell(tr, a.t, b.t, tfmt); }
    return tr;
  });
  body.appendChild(cmpTable('By op type (largest change first)', ['op type', 'count A', 'count B', 'MACs A', 'MACs B', 'Δ MACs'].concat(hasT ? ['time A', 'time B', 'Δ time'] : []), rows));
  // per layer, matched by name
  var idxB = {}, seen = {}, pairs = [];
  B.M.nodes.forEach(function (n, i) { if (idxB[n.name] === undefined) idxB[n.name] = i; });
  A.M.nodes.forEach(function (n, i) { var j = idxB[n.name]; pairs.push([i, j === undefined ? -1 : j]); if (j !== undefined) seen[j] = true; });
  B.M.nodes.forEach(function (n, j) { if (!seen[j]) pairs.push([-1, j]); });
  var v = function (S, i, key) { return i < 0 ? undefined : S.C ? S.C[key][i] : S.M.nodes[i][key]; };
  var t = function (S, i) { return i < 0 || !S.E ? undefined : S.E.nodes[i].timeS; };
  rows = pairs.map(function (p) {
    var tr = el('tr'), n = p[0] >= 0 ? A.M.nodes[p[0]] : B.M.nodes[p[1]];
    tr.setAttribute('data-node-name', n.name);
    tr.appendChild(el('td', 'name', n.name)).title = n.name;
    tr.appendChild(el('td', null, n.opType + (p[0] < 0 ? ' (B only)' : p[1] < 0 ? ' (A only)' : '')));
    var ma = v(A, p[0], 'macs'), mb = v(B, p[1], 'macs');
    tr.appendChild(el('td', 'num', si(ma))); tr.appendChild(el('td', 'num', si(mb))); deltaCell(tr, ma, mb, num);
    if (hasT) { var xa = t(A, p[0]), xb = t(B, p[1]); tr.appendChild(el('td', 'num', time(xa))); tr.appendChild(el('td', 'num', time(xb))); deltaCell(tr, xa, xb, tfmt); }
    return tr;
  });
  body.appendChild(el('h3', null, 'Per layer (' + pairs.length + ' rows, matched by node name)'));
  body.appendChild(cmpTable('Per layer', ['name', 'op type', 'MACs A', 'MACs B', 'Δ MACs'].concat(hasT ? ['time A', 'time B', 'Δ time'] : []), rows));
}
