// ---- node table: sortable, filterable; rebuilt when the what-if changes (sort and filters are kept).
var table = { rows: [], cols: [], sort: { c: -1, dir: 1 }, filled: false, hl: null, pending: null, wanted: false, observer: null };
var EAGER_ROWS = 2000;

// Builds the table now when it is small or has been scrolled to; else when it comes near the view (a 10,000-row table costs seconds
// of style work that the first view of the page does not need).
function scheduleTable(M, Es, C) {
  if (M.nodes.length <= EAGER_ROWS || table.wanted) { table.pending = null; renderTable(M, Es, C); return; }
  table.pending = [M, Es, C];
  $('row-count').textContent = M.nodes.length + ' nodes: the rows are built when this table is scrolled to';
  if (!table.observer && window.IntersectionObserver) {
    table.observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) { table.observer.disconnect(); ensureTable(); }
    }, { rootMargin: '100px' });
    table.observer.observe($('nodes'));
  }
}

function ensureTable() {
  table.wanted = true;
  if (table.pending) { var a = table.pending; table.pending = null; renderTable(a[0], a[1], a[2]); }
}

function renderTable(M, Es, C) {
  var nodes = M.nodes, hasMeasured = nodes.some(function (n) { return typeof n.measuredS === 'number'; });
  var val = function (key) { return function (i) { return C ? C[key][i] : nodes[i][key]; }; };
  var cols = [
    { label: '#', num: true, v: function (i) { return i; }, f: function (v) { return String(v + 1); } },
    { label: 'Name', v: function (i) { return nodes[i].name; }, cls: 'name' },
    { label: 'Op type', v: function (i) { return nodes[i].opType; } },
    { label: 'Output shape', v: function (i) { return nodes[i].outputShape; } },
    { label: 'Params', num: true, v: function (i) { return nodes[i].params; }, f: si },
    { label: 'MACs', num: true, v: val('macs'), f: si },
    { label: 'FLOPs', num: true, v: val('flops'), f: si },
    { label: 'Read', num: true, v: val('bytesRead'), f: function (v) { return si(v, 'B'); } },
    { label: 'Written', num: true, v: val('bytesWritten'), f: function (v) { return si(v, 'B'); } },
    { label: 'FLOP/B', num: true, v: function (i) { var r = val('bytesRead')(i), w = val('bytesWritten')(i); return r + w > 0 ? val('flops')(i) / (r + w) : 0; }, f: small },
    { label: 'Precision', v: function (i) { return nodes[i].precision; } }
  ];
  Es.forEach(function (c) {
    cols.push({ label: 'Time ' + c.id, num: true, v: function (i) { return c.nodes[i].timeS; }, f: time });
    cols.push({ label: 'Bound ' + c.id, v: function (i) { return c.nodes[i].bound; }, b: true });
  });
  if (hasMeasured) {
    cols.push({ label: 'Measured', num: true, v: function (i) { return typeof nodes[i].measuredS === 'number' ? nodes[i].measuredS : -1; }, f: function (v) { return v < 0 ? '' : time(v); } });
    if (Es.length) cols.push({ label: 'Measured / predicted', num: true, v: function (i) { var m = nodes[i].measuredS, p = Es[0].nodes[i].timeS; return typeof m === 'number' && p > 0 ? m / p : -1; }, f: function (v) { return v < 0 ? '' : small(v) + '×'; } });
  }
  var head = clear($('node-head')), body = clear($('node-body'));
  if (table.cols.length && table.sort.c >= 0 && (!cols[table.sort.c] || cols[table.sort.c].label !== table.cols[table.sort.c].label)) table.sort.c = -1;
  table.cols = cols;
  cols.forEach(function (c, ci) {
    var th = el('th', c.num ? 'num' : null, c.label);
    th.setAttribute('data-col', ci);
    th.tabIndex = 0;
    th.addEventListener('click', function () { sortBy(ci, true); });
    th.addEventListener('keydown', function (ev) { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); sortBy(ci, true); } });
    head.appendChild(th);
  });
  var frag = document.createDocumentFragment(), rows = new Array(nodes.length);
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
  table.rows = rows;
  if (table.sort.c >= 0) sortBy(table.sort.c, false);
  if (!table.filled) {
    var opSel = $('op-filter'), counts = {};
    nodes.forEach(function (n) { counts[n.opType] = (counts[n.opType] || 0) + 1; });
    Object.keys(counts).sort().forEach(function (op) { var o = el('option', null, op + ' (' + counts[op] + ')'); o.value = op; opSel.appendChild(o); });
    opSel.addEventListener('change', function () { applyFilter(M); });
    $('name-filter').addEventListener('input', function () { applyFilter(M); });
    table.filled = true;
  }
  applyFilter(M);
}

function sortBy(ci, toggle) {
  var c = table.cols[ci], n = table.rows.length;
  if (toggle) { table.sort.dir = table.sort.c === ci ? -table.sort.dir : (c.num ? -1 : 1); table.sort.c = ci; }
  var keys = new Array(n), order = new Array(n), i;
  for (i = 0; i < n; i++) { keys[i] = c.v(i); order[i] = i; }
  order.sort(function (a, b) {
    var x = keys[a], y = keys[b], r = c.num ? x - y : String(x).localeCompare(String(y));
    return r * table.sort.dir || a - b;
  });
  var f = document.createDocumentFragment();
  order.forEach(function (k) { f.appendChild(table.rows[k]); });
  $('node-body').appendChild(f);
  Array.prototype.forEach.call($('node-head').children, function (th, k) {
    if (k === ci) th.setAttribute('aria-sort', table.sort.dir > 0 ? 'ascending' : 'descending'); else th.removeAttribute('aria-sort');
  });
}

function applyFilter(M) {
  var op = $('op-filter').value, q = $('name-filter').value.toLowerCase(), shown = 0, nodes = M.nodes;
  for (var i = 0; i < nodes.length; i++) {
    var ok = (!op || nodes[i].opType === op) && (!q || nodes[i].name.toLowerCase().indexOf(q) >= 0);
    table.rows[i].hidden = !ok; if (ok) shown++;
  }
  $('row-count').textContent = shown + ' of ' + nodes.length + ' nodes';
}

function highlightRow(M, i, scroll) {
  if (scroll) ensureTable();
  var r = table.rows[i]; if (!r) return;
  if (r.hidden) { $('op-filter').value = ''; $('name-filter').value = ''; applyFilter(M); }
  if (table.hl && table.hl !== r) table.hl.classList.remove('hl');
  r.classList.add('hl'); table.hl = r;
  if (scroll) r.scrollIntoView({ block: 'center' });
}
