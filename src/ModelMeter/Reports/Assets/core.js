// ---- core: helpers and the embedded data (columns back into rows). Every model-provided string is set with textContent or
// setAttribute: never innerHTML.
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
function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); return e; }
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
  if (s === 0) return '0 s';
  if (Math.abs(s) < 1e-6) return Number((s * 1e9).toPrecision(3)) + ' ns';
  if (Math.abs(s) < 1e-3) return Number((s * 1e6).toPrecision(3)) + ' µs';
  if (Math.abs(s) < 1) return Number((s * 1e3).toPrecision(3)) + ' ms';
  return Number(s.toPrecision(3)) + ' s';
}
function thousands(v) { return String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ','); }

// One model of the page: header fields, node rows (with edges and consumers), static chips, what-if data.
function unpackModel(D) {
  var c = D.nodes || { count: 0 }, n = c.count || 0, rows = new Array(n), i;
  var uncounted = {};
  (c.uncounted || []).forEach(function (k) { uncounted[k] = true; });
  for (i = 0; i < n; i++) {
    rows[i] = {
      i: i, name: c.name[i], opType: c.opTypes[c.opType[i]], domain: c.domain ? c.domains[c.domain[i]] : '',
      params: c.params[i], macs: c.macs[i], flops: c.flops[i], bytesRead: c.bytesRead[i], bytesWritten: c.bytesWritten[i],
      weightBytes: c.weightBytes[i], indexBytes: c.indexBytes[i], indexWeightBytes: c.indexWeightBytes[i],
      outputShape: c.outputShapes[c.outputShape[i]], inputShapes: c.inputShapes ? c.inputShapeSets[c.inputShapes[i]] : '',
      precision: c.precisions[c.precision[i]], compute: c.computes ? c.computes[c.compute[i]] : c.precisions[c.precision[i]], opClass: c.opClasses[c.opClass[i]], counted: !uncounted[i],
      measuredS: c.measuredS && typeof c.measuredS[i] === 'number' ? c.measuredS[i] : undefined,
      inputs: c.inputs ? c.inputs[i] : [], consumers: [], formula: null,
      macsExpr: c.macsExpr ? c.macsExprs[c.macsExpr[i]] : '', flopsExpr: c.flopsExpr ? c.flopsExprs[c.flopsExpr[i]] : ''
    };
  }
  for (i = 0; i < n; i++) rows[i].inputs.forEach(function (p) { if (rows[p]) rows[p].consumers.push(i); });
  (c.formulas || []).forEach(function (f) {
    rows[f[0]].formula = { kind: f[1], cin: f[2], cout: f[3], kh: f[4], kw: f[5], h: f[6], w: f[7], g: f[8], count: f[9] };
  });
  var chips = (D.chips || []).map(function (ch) {
    var out = { id: ch.id, name: ch.name, peaks: ch.peaks || {}, bandwidthBytesPerS: ch.bandwidthBytesPerS, engine: ch.engine, engineAssumed: ch.engineAssumed,
      boundS: ch.boundS, predictedS: ch.predictedS, kernels: ch.kernels };
    if (ch.nodes) {
      out.totalTimeS = ch.totalTimeS;
      out.nodes = ch.nodes.timeS.map(function (t, k) {
        return { intensity: ch.nodes.intensity[k], attainableFlopsPerS: ch.nodes.attainableFlopsPerS[k], timeS: t, bound: ch.nodes.bound[k] };
      });
    }
    return out;
  });
  return {
    title: D.title, modelPath: D.modelPath, producer: D.producer, irVersion: D.irVersion, opset: D.opset, totals: D.totals,
    dims: D.dims || {}, notes: D.notes || [], diagnostics: D.diagnostics || [], byOpType: D.byOpType || [], command: D.command,
    toolVersion: D.toolVersion, measuredOn: D.measuredOn, measuredLatencyS: D.measuredLatencyS, nodes: rows, chips: chips,
    whatIf: D.whatIf || null
  };
}
