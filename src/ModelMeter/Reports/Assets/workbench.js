// ---- the workbench: what-if state (chip, precision, batch, engine, colour, compare chip, selected node) kept in the URL fragment
// (#chip=l4&precision=fp16&batch=8&engine=tensorrt), every section re-rendered from it.
var D = JSON.parse($('report-data').textContent);
var M = unpackModel(D), M2 = D.compare ? unpackModel(D.compare) : null, W = M.whatIf;
var S = { chip: W ? W.chip || '' : '', precision: W ? W.precision : 'model', batch: W ? W.batch : 1, engine: W && W.engine ? W.engine : '', color: 'time', chipB: '', node: '' };
var ENGINES = !!(W && W.kernelPlans && W.kernelPlans.length);

function readHash() {
  var h = location.hash.replace(/^#/, ''), q = {};
  h.split('&').forEach(function (kv) {
    var p = kv.indexOf('='); if (p <= 0) return;
    try { q[decodeURIComponent(kv.slice(0, p))] = decodeURIComponent(kv.slice(p + 1)); } catch (e) { /* a malformed escape: ignore that pair */ }
  });
  if (W) {
    if (q.chip !== undefined && (q.chip === '' || findChip(W, q.chip))) S.chip = q.chip;
    if (q.precision !== undefined && (q.precision === 'model' || findPlan(W, q.precision))) S.precision = q.precision;
    if (/^[1-9][0-9]{0,5}$/.test(q.batch || '')) S.batch = +q.batch;
    if (q.chipB !== undefined && (q.chipB === '' || findChip(W, q.chipB))) S.chipB = q.chipB;
    if (q.engine !== undefined && (q.engine === '' || findEngine(W, q.engine))) S.engine = q.engine;
  }
  if (q.color === 'time' || q.color === 'bound' || q.color === 'macs') S.color = q.color;
  if (q.node !== undefined) S.node = q.node;
}

function stateHash() {
  var parts = [];
  if (W) { parts.push('chip=' + encodeURIComponent(S.chip), 'precision=' + encodeURIComponent(S.precision), 'batch=' + S.batch); if (S.engine) parts.push('engine=' + encodeURIComponent(S.engine)); if (S.chipB) parts.push('chipB=' + encodeURIComponent(S.chipB)); }
  parts.push('color=' + S.color);
  if (S.node) parts.push('node=' + encodeURIComponent(S.node));
  return '#' + parts.join('&');
}

function chipLabel(c) { return c ? c.name + ' (' + c.id + ')' : ''; }

function setupControls() {
  if (W) {
    $('whatif').hidden = false;
    var cs = $('chip-select'), cb = $('chipb-select'), ps = $('precision-select');
    var none = el('option', null, 'no chip'); none.value = ''; cs.appendChild(none);
    W.chips.forEach(function (c) {
      var o = el('option', null, chipLabel(c)); o.value = c.id; cs.appendChild(o);
      var o2 = el('option', null, chipLabel(c)); o2.value = c.id; cb.appendChild(o2);
    });
    var own = el('option', null, 'model (each node\'s own)'); own.value = 'model'; ps.appendChild(own);
    W.plans.forEach(function (p) { var o = el('option', null, p.name); o.value = p.name; ps.appendChild(o); });
    if (ENGINES) {
      var es = $('engine-select'), dflt = el('option', null, 'none given (node roofline; the chip\'s default engine beside it)');
      $('engine-label').hidden = false; dflt.value = ''; es.appendChild(dflt);
      W.engines.forEach(function (e) { var o = el('option', null, e.name ? e.id + ' — ' + e.name : e.id); o.value = e.id; es.appendChild(o); });
      es.addEventListener('change', function () { S.engine = es.value; update(true); });
    }
    cs.addEventListener('change', function () { S.chip = cs.value; update(true); });
    cb.addEventListener('change', function () { S.chipB = cb.value; update(true); });
    ps.addEventListener('change', function () { S.precision = ps.value; update(true); });
    $('batch-input').addEventListener('change', function () {
      var v = Math.floor(+$('batch-input').value);
      if (v >= 1 && v <= 1000000) { S.batch = v; update(true); } else $('batch-input').value = S.batch;
    });
  }
  var col = $('color-select');
  col.addEventListener('change', function () { S.color = col.value; update(true); });
  window.addEventListener('hashchange', function () { readHash(); update(false); });
}

function syncControls() {
  if (W) { $('chip-select').value = S.chip; $('precision-select').value = S.precision; $('batch-input').value = S.batch; $('chipb-select').value = S.chipB; if (ENGINES) $('engine-select').value = S.engine; }
  $('color-select').value = S.color;
}

function estimatesFor(Mx, ids) {
  var out = [];
  ids.forEach(function (id) {
    var c = findChip(Mx.whatIf, id);
    if (c && !out.some(function (e) { return e.id === id; })) out.push(withForecast(Mx, estimate(Mx, c, S.precision, S.batch), c, S.precision, S.batch, S.engine));
  });
  return out;
}

var current = { E: null, C: null, Es: [] };
function update(writeHash) {
  var Es, E0, C = null;
  if (W) {
    var ids = S.chip ? [S.chip] : [];
    M.chips.forEach(function (c) { if (S.chip) ids.push(c.id); });
    Es = estimatesFor(M, ids);
    // a page without the engine what-if: the CLI's forecast at the report's own precision and batch
    if (!ENGINES && S.precision === W.precision && S.batch === W.batch)
      Es.forEach(function (e) {
        M.chips.forEach(function (c) {
          if (c.id === e.id && c.engine) { e.engine = c.engine; e.engineAssumed = c.engineAssumed; e.boundS = c.boundS; e.predictedS = c.predictedS; e.kernels = c.kernels; }
        });
      });
    E0 = S.chip ? Es[0] : null;
    C = costsAt(M, S.batch);
  } else {
    Es = M.chips.filter(function (c) { return c.nodes; });
    E0 = Es[0] || null;
  }
  current = { E: E0, C: C, Es: Es };
  syncControls();
  renderHeader(M, Es, C, W ? S : null);
  var tl = $('total-latency');
  var latency = E0 ? (typeof E0.latencyS === 'number' ? E0.latencyS : E0.totalTimeS) : 0;
  tl.textContent = E0 ? time(latency) + ' on ' + E0.name + (W ? ' · ' + S.precision + ' · batch ' + S.batch : '') +
    (E0.engine ? ' · ' + (E0.engineAssumed ? 'node roofline (' + E0.engine + ' assumed: bound ' + time(E0.boundS) + ', predicted ' + time(E0.predictedS) + ')' : E0.engine + ' predicted (bound ' + time(E0.boundS) + ')') : '') : 'choose a chip';
  tl.setAttribute('data-total-latency-s', E0 ? String(latency) : '');
  ['engine', 'bound-latency-s', 'predicted-latency-s'].forEach(function (a) { tl.removeAttribute('data-' + a); });
  if (E0 && E0.engine) {
    tl.setAttribute('data-engine', E0.engine + (E0.engineAssumed ? ' (default)' : ''));
    tl.setAttribute('data-bound-latency-s', String(E0.boundS));
    tl.setAttribute('data-predicted-latency-s', String(E0.predictedS));
  }
  if (W) {
    var wn = clear($('whatif-notes')), notes = [W.batchNote].concat(E0 ? E0.notes : []);
    if (W.slopes && W.slopes.nonLinearNodes) notes.push(W.slopes.nonLinearNodes + ' nodes are not linear in the batch: their figures are exact at batch ' + W.countedBatch + ' and ' + (W.countedBatch + 1) + ' only');
    if (E0 && E0.memory.fits !== null) notes.push('weights + peak activations ' + si(E0.memory.totalBytes, 'B') + (E0.memory.fits ? ' fit' : ' do not fit') + ' in ' + si(E0.memory.memoryBytes, 'B') + (E0.memory.maxBatch !== null ? ' (largest batch that fits: ' + E0.memory.maxBatch + ')' : ''));
    if (E0 && E0.forecastNote) notes.push(E0.forecastNote);
    if (E0 && E0.engine && W.slopes && W.kernelPlans[findEngine(W, E0.engine).plan].nonLinearKernels)
      notes.push(W.kernelPlans[findEngine(W, E0.engine).plan].nonLinearKernels + ' kernels are not linear in the batch: their figures are exact at batch ' + W.countedBatch + ' and ' + (W.countedBatch + 1) + ' only');
    if (E0) notes.push('throughput ' + Number(E0.throughputPerS.toPrecision(4)) + ' inferences/s · ' + Math.round(100 * E0.memoryBoundFraction) + ' % of the time memory-bound');
    if (!ENGINES && M.chips.some(function (c) { return c.engine; }) && !(S.precision === W.precision && S.batch === W.batch))
      notes.push('engine forecast (fused kernels, predicted time) shown at the report\'s own precision ' + W.precision + ' and batch ' + W.batch + ' only; here the per-node roofline');
    notes.filter(Boolean).forEach(function (n) { wn.appendChild(el('div', null, n)); });
  }
  lazyRooflines(Es);
  renderOpTypes(M, E0, C);
  scheduleTable(M, Es, C);
  colourGraph(M, E0, C, S.color);
  if (graph.sel >= 0) renderDetail(M, graph.sel, E0, C, function (k) { pick(k, true); });
  if (M2 || (W && S.chipB)) {
    var cA = S.chip || (W && W.chips[0] ? W.chips[0].id : ''), other = M2 || M, wB = other.whatIf;
    var chipA = W ? findChip(W, cA) : null, chipB = wB ? findChip(wB, S.chipB || cA) : null;
    // both sides under the selected engine (as estimatesFor prices the page): latency = its prediction, or the node roofline when none is given
    var side = function (Mx, chip) { return chip ? withForecast(Mx, estimate(Mx, chip, S.precision, S.batch), chip, S.precision, S.batch, S.engine) : null; };
    renderCompare(
      { M: M, E: side(M, chipA), C: C, label: M.title + (chipA ? ' on ' + chipA.name : '') },
      { M: other, E: side(other, chipB), C: wB ? costsAt(other, S.batch) : null, label: other.title + (chipB ? ' on ' + chipB.name : '') });
  } else $('compare').hidden = true;
  var h = stateHash();
  $('share-link').setAttribute('href', h);
  if (writeHash && location.hash !== h) history.replaceState(null, '', h);
}

function pick(i, centre) { selectNode(i, centre); }

// Rooflines of a large model (one circle per node per chip) are drawn when their section comes near the view.
var roofs = { pending: null, wanted: false, observer: null };
function lazyRooflines(Es) {
  if (M.nodes.length <= EAGER_ROWS || roofs.wanted || !window.IntersectionObserver) { renderRooflines(M, Es, function (i) { pick(i, true); }); return; }
  roofs.pending = Es;
  $('roofs').hidden = !Es.length;
  if (!roofs.observer) {
    roofs.observer = new IntersectionObserver(function (entries) {
      if (!entries.some(function (e) { return e.isIntersecting; })) return;
      roofs.observer.disconnect(); roofs.wanted = true;
      if (roofs.pending) { var p = roofs.pending; roofs.pending = null; renderRooflines(M, p, function (i) { pick(i, true); }); }
    }, { rootMargin: '100px' });
    roofs.observer.observe($('roofs'));
  }
}
graph.onSelect = function (i) {
  S.node = M.nodes[i].name;
  renderDetail(M, i, current.E, current.C, function (k) { pick(k, true); });
  highlightRow(M, i, false);
  var h = stateHash(); $('share-link').setAttribute('href', h);
  if (location.hash !== h) history.replaceState(null, '', h);
};

readHash();
setupControls();
renderGraph(M);
update(false);
if (S.node) {
  for (var ni = 0; ni < M.nodes.length; ni++) if (M.nodes[ni].name === S.node) { selectNode(ni, true); break; }
}
// table rows: a click selects the node in the graph
$('node-body').addEventListener('click', function (ev) { var tr = ev.target.closest('tr'); if (tr) selectNode(+tr.getAttribute('data-i'), true); });
var dl = $('diag-list');
M.diagnostics.forEach(function (d) { dl.appendChild(el('li', d.severity, d.severity + ': ' + (d.node ? d.node + ': ' : '') + d.message)); });
if (!dl.children.length) dl.appendChild(el('li', null, 'none'));
$('command').textContent = M.command;
$('version').textContent = M.toolVersion;
document.documentElement.setAttribute('data-render-ms', String(Math.round(performance.now())));
document.documentElement.setAttribute('data-rendered', 'true');
// printing builds what is still deferred (the node table and rooflines of a large model)
window.addEventListener('beforeprint', function () {
  ensureTable();
  if (roofs.pending) { var p = roofs.pending; roofs.pending = null; roofs.wanted = true; renderRooflines(M, p, function (i) { pick(i, true); }); }
});
