// ---- forecast: Forecaster.Run (an engine's fused kernels priced on a chip: the bound and the prediction) and
// ModelProfileForecast.WithForecast, step by step with the same double arithmetic, so the page's numbers equal the CLI's JSON
// for the same chip, precision, batch and engine.
var OFFSETS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
var TILES = [[256, 128], [128, 256], [128, 128], [128, 64], [64, 128], [64, 64]];

function findEngine(W, id) {
  for (var i = 0; W && W.engines && i < W.engines.length; i++) if (W.engines[i].id === id) return W.engines[i];
  return null;
}

// The kernels of plan `idx`: member nodes (from the one-character-per-node string), anchor name, counts.
function kernelPlan(M, idx) {
  var W = M.whatIf;
  W.decoded = W.decoded || [];
  if (W.decoded[idx]) return W.decoded[idx];
  var P = W.kernelPlans[idx], s = P.nodes, members = [], newest = -1, far = {}, anchor = {}, i, k;
  (P.far || []).forEach(function (f) { far[f[0]] = f[1]; });
  (P.anchors || []).forEach(function (a) { anchor[a[0]] = a[1]; });
  for (i = 0; i < s.length; i++) {
    var ch = s.charAt(i);
    if (ch === '.') continue;
    if (ch === '+') k = ++newest;
    else if (ch === '~') { k = far[i]; if (k > newest) newest = k; }
    else k = newest - OFFSETS.indexOf(ch);
    (members[k] = members[k] || []).push(i);
  }
  var kernels = members.map(function (m, k) {
    var sig = P.sigs[P.sig[k]];
    return { name: M.nodes[m[anchor[k] || 0]].name, members: m, sig: sig, kind: W.kernelKinds[sig.k] };
  });
  return (W.decoded[idx] = { plan: P, kernels: kernels });
}

// Kernel counts at `batch`: re-bound (counts + slope × (batch − counted), as the CLI re-analyses) or counted at the counted batch
// (the forecast scales linearly). Null when the kernels change with the batch and the page has them at the counted batch only.
function kernelsAt(M, K, batch) {
  var W = M.whatIf, P = K.plan, d = 0, countedAt = W.countedBatch;
  if (W.slopes) {
    if (!P.slopes && batch !== W.countedBatch) return null;
    d = P.slopes ? batch - W.countedBatch : 0;
    countedAt = batch;
  }
  if (K.at && K.at.d === d && K.at.countedAt === countedAt) return K.at;
  var n = K.kernels.length, keys = ['flops', 'bytesRead', 'bytesWritten', 'weightBytes', 'indexBytes', 'indexWeightBytes'], C = {}, i, j, q;
  for (j = 0; j < 6; j++) C[keys[j]] = new Float64Array(n);
  var rows = new Array(n), ks = new Array(n), sigs = P.sigs, at = new Array(sigs.length);
  for (q = 0; q < sigs.length; q++) { // the counts of each distinct kernel at this batch
    var g = sigs[q], v = new Array(6), res = [];
    for (j = 0; j < 6; j++) v[j] = g.v[j] + (d && g.dv ? g.dv[j] * d : 0);
    for (j = 0; g.r && j < g.r.length; j++) res.push(g.r[j] + (d && g.dr ? g.dr[j] * d : 0));
    at[q] = { row: { compute: g.p, opClass: g.c }, v: v,
      k: { bytes: v[1] + v[2], bytesWritten: v[2], weightBytes: v[3], resident: res, gemm: g.g ? [g.g[0] + (d && g.dg ? g.dg * d : 0), g.g[1], g.g[2]] : null } };
  }
  for (i = 0; i < n; i++) {
    var a = at[P.sig[i]];
    for (j = 0; j < 6; j++) C[keys[j]][i] = a.v[j];
    rows[i] = a.row;
    ks[i] = a.k;
  }
  return (K.at = { d: d, rows: rows, C: C, counts: ks, countedAt: countedAt, io: P.ioBytes + (d ? P.ioSlope * d : 0) });
}

// GemmWaves.Efficiency: the best over tile shapes of (useful / launched work) × tile feed rate.
function gemmWaves(m, nn, kk, sms, peak, onChipBw, elementBytes) {
  if (sms <= 0 || m <= 0 || nn <= 0 || kk <= 0) return 1;
  var best = 0;
  TILES.forEach(function (t) {
    var tm = t[0], tn = t[1], tiles = Math.ceil(m / tm) * Math.ceil(nn / tn);
    var split = tiles >= sms ? 1 : Math.max(1, Math.min(Math.floor(sms / tiles), Math.floor(kk / 256)));
    var units = tiles * split, waves = Math.ceil(units / sms), useful = m * nn * split, ks = kk / split;
    var util = useful / (waves * sms * tm * tn) * (ks <= 0 ? 1 : ks / (ks + 96));
    var feed = onChipBw <= 0 ? 1 : Math.min(1, onChipBw * 2.0 * tm * tn / ((tm + tn) * elementBytes) / peak);
    best = Math.max(best, Math.min(1, util) * feed);
  });
  return best;
}

// Forecaster.Clock: a power-limited chip clocks up from its sustained clock when part of it idles.
function clockAt(sustained, activity) { return sustained >= 1 ? 1 : Math.min(1, sustained / Math.cbrt(Math.min(Math.max(activity, 0.05), 1))); }

// ModelProfileForecast.Resolve: the engine that runs on the chip, and the note the CLI adds.
function resolveEngine(W, chip, id) {
  var fallback = findEngine(W, chip.defaultEngine);
  if (!fallback) return null;
  if (!id) return { used: fallback, given: false, note: 'engine: none given; assumed ' + fallback.id + ', the default for a ' + chip.kind + ' (' + chip.id + '); choose one with --engine' };
  var req = findEngine(W, id);
  if (!req || chip.engines.indexOf(id) < 0) return { used: fallback, given: false, note: 'engine: ' + id + ' does not run on ' + chip.id + ' (a ' + chip.vendor + ' ' + chip.kind + '); used ' + fallback.id };
  return { used: req, given: true, note: '' };
}

// The node names of kernel k (the CLI's kernels carry them; the page's carry node indices).
function kernelNodes(M, k) { return k.nodes || k.members.map(function (m) { return M.nodes[m].name; }); }

// Adds the engine forecast to estimate E (of model M on chip, at planName and batch) as WithForecast does: with an engine that runs
// on the chip the latency becomes the prediction; otherwise it stays the node roofline and the default engine's figures are added.
function withForecast(M, E, chip, planName, batch, engineId) {
  var W = M.whatIf, r = W && W.kernelPlans && W.kernelPlans.length ? resolveEngine(W, chip, engineId) : null;
  if (!r) return E;
  var eng = r.used, K = kernelPlan(M, eng.plan), A = kernelsAt(M, K, batch);
  if (!A) { E.forecastNote = 'engine ' + eng.id + ': its kernels change with the batch; the page has them at batch ' + W.countedBatch + ' only (the CLI re-analyses): here the node roofline'; return E; }
  var plan = planName && planName !== 'model' ? findPlan(W, planName) : null;
  var roof = roofRows(A.rows, A.C, chip, plan, W, batch, A.countedAt, false), arch = null;
  W.architectures.forEach(function (a) { if (a.id === chip.architecture) arch = a; });
  var peakBw = chip.bandwidthBytesPerS, bw = peakBw * arch.bandwidth, onChipBw = arch.l2BandwidthRatio * peakBw, onChipCapacity = chip.onChipBytes;
  var gpu = chip.kind === 'gpu', kernels = [], bound = 0, device = 0, launched = 0;
  for (var i = 0; i < K.kernels.length; i++) {
    var k = A.counts[i], kk = K.kernels[i], e = roof.nodes[i];
    var rawAct = k.bytes - k.weightBytes, act = e.bytes - e.weightBytes, actScale = rawAct > 0 ? act / rawAct : 0, resident = 0, j;
    for (j = 0; j < k.resident.length; j++) resident += k.resident[j] * actScale;
    var outBytes = k.bytesWritten * actScale;
    var residentBound = onChipCapacity > 0 && (resident + outBytes) / Math.max(1, batch) <= onChipCapacity ? resident : 0;
    if (onChipCapacity <= 0 || resident + outBytes > onChipCapacity) resident = 0;
    var out = { name: kk.name, kind: kk.kind, members: kk.members, flops: e.flops, bytes: e.bytes, intensity: 0, attainableFlopsPerS: 0, boundS: 0, predictedS: 0, bound: 'none', wave: 1, onChipBytes: 0 };
    kernels.push(out);
    if (e.flops === 0 && e.bytes === 0) continue;
    var peak = e.peakFlopsPerS, tensor = e.path === 'tensor';
    if (eng.fp16Accumulate && tensor && e.peakPrecision === 'fp16' && typeof chip.fp16AccumulateFlopsPerS === 'number' && chip.fp16AccumulateFlopsPerS > peak) peak = chip.fp16AccumulateFlopsPerS;
    var kb = Math.max(e.flops / peak, (e.bytes - residentBound) / peakBw);
    var wave = k.gemm && gpu && typeof chip.smCount === 'number' && tensor
      ? gemmWaves(k.gemm[0] * batch / Math.max(1, A.countedAt), k.gemm[1], k.gemm[2], chip.smCount, peak, onChipBw, W.elementBytes[e.peakPrecision]) : 1;
    var eff = (kk.kind === 'attention' ? arch.attention : tensor ? arch.gemm[e.peakPrecision] * eng.gemmFraction * wave : arch.vector) * clockAt(chip.sustainedClock, wave);
    var tc = e.flops / (peak * eff), tm = (e.bytes - resident) / bw + (onChipBw > 0 ? resident / onChipBw : 0);
    var t = Math.max(tc, tm) + eng.kernelGapS;
    out.intensity = e.intensity || 0; out.boundS = kb; out.predictedS = t; out.bound = tc >= tm ? 'compute' : 'memory'; out.wave = wave; out.onChipBytes = resident;
    out.attainableFlopsPerS = e.intensity !== null ? Math.min(kb > 0 ? e.flops / kb : 0, e.intensity * peakBw) : 0;
    bound += kb; device += t; launched++;
  }
  var host = launched * eng.hostPerKernelS, transfer = 0;
  if (eng.copiesIo && gpu && chip.pcieGbps > 0) transfer = A.io * (batch / A.countedAt) / (chip.pcieGbps / 2 * 1e9 * 0.8);
  var predicted = Math.max(device, host) + eng.perRunS + transfer;
  E.engine = eng.id; E.engineAssumed = !r.given; E.boundS = bound; E.predictedS = predicted; E.kernels = kernels;
  E.deviceS = device; E.hostS = host; E.transferS = transfer;
  E.latencyS = r.given ? predicted : E.totalTimeS;
  E.throughputPerS = E.latencyS > 0 ? batch / E.latencyS : 0;
  if (r.note) E.notes.push(r.note);
  roof.notes.forEach(function (n) { if (n.indexOf('costs counted at batch') !== 0 && E.notes.indexOf(n) < 0) E.notes.push(n); });
  return E;
}
