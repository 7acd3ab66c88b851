// ---- estimate: RooflineEstimator.Estimate step by step, in the same order and with the same double arithmetic, so the page's
// numbers equal the CLI's JSON for the same chip, precision and batch.

// Node costs and totals at `batch`: exact re-binding of the batch symbol (costs + slope × (batch − counted)), or the counted costs
// with the linear scale the CLI applies (FLOPs and activation bytes × batch / counted).
function costsAt(M, batch) {
  var W = M.whatIf, nodes = M.nodes, n = nodes.length, S = W && W.slopes, d = S ? batch - W.countedBatch : 0;
  var keys = ['macs', 'flops', 'bytesRead', 'bytesWritten', 'weightBytes', 'indexBytes', 'indexWeightBytes'];
  var out = { inputBatch: S ? batch : (W ? W.countedBatch : 1), rebind: !!S }, k, i;
  keys.forEach(function (key) {
    var a = new Array(n), s = S ? S[key] : null;
    for (i = 0; i < n; i++) a[i] = nodes[i][key] + (s ? s[i] * d : 0);
    out[key] = a;
  });
  var T = M.totals, t = {};
  for (k in T) if (Object.prototype.hasOwnProperty.call(T, k)) t[k] = T[k] + (S && S.totals[k] ? S.totals[k] * d : 0);
  out.totals = t;
  return out;
}

function findPlan(W, name) {
  for (var i = 0; W && i < W.plans.length; i++) if (W.plans[i].name === name) return W.plans[i];
  return null;
}

function findChip(W, id) {
  for (var i = 0; W && i < W.chips.length; i++) if (W.chips[i].id === id) return W.chips[i];
  return null;
}

// RooflineEstimator.Estimate's loop over `rows` ({compute, opClass}) with costs C (arrays flops, bytesRead, bytesWritten,
// weightBytes, indexBytes, indexWeightBytes) counted at `inputBatch`; `calibrated` = the chip's calibration factors apply.
function roofRows(rows, C, chip, plan, W, batch, inputBatch, calibrated) {
  var scale = batch / inputBatch, n = rows.length, res = new Array(n), notes = [];
  if (scale !== 1) notes.push('costs counted at batch ' + inputBatch + ' scaled linearly to batch ' + batch + ' (FLOPs and activation bytes × ' + Number(scale.toPrecision(4)) + '; weights unchanged)');
  var R = { nodes: res, scale: scale, notes: notes, weightsBefore: 0, weightsAfter: 0, actBefore: 0, actAfter: 0, latency: 0, memoryTime: 0, totalFlops: 0, totalBytes: 0 };
  for (var i = 0; i < n; i++) {
    var nd = rows[i], precision = nd.compute;
    var bytesAll = C.bytesRead[i] + C.bytesWritten[i], weight = C.weightBytes[i], act = Math.max(0, bytesAll - weight);
    if (precision !== 'int32') {
      var indexWeight = Math.min(Math.max(C.indexWeightBytes[i], 0), weight);
      var indexAct = Math.min(Math.max(C.indexBytes[i] - C.indexWeightBytes[i], 0), act);
      var numericWeight = weight - indexWeight, numericAct = act - indexAct;
      R.weightsBefore += numericWeight; R.actBefore += numericAct;
      if (plan) {
        var src = W.elementBytes[nd.compute];
        numericWeight *= plan.weightBytesPerElement / src;
        numericAct *= plan.activationBytesPerElement / src;
        weight = numericWeight + indexWeight;
        act = numericAct + indexAct;
        precision = plan.compute;
      }
      R.weightsAfter += numericWeight; R.actAfter += numericAct;
    }
    var flops = C.flops[i] * scale;
    act *= scale;
    var bytes = weight + act, intensity = bytes > 0 ? flops / bytes : null;
    if (nd.opClass === 'metadata') {
      res[i] = { precision: precision, flops: flops, bytes: bytes, weightBytes: weight, intensity: intensity, attainableFlopsPerS: 0, timeS: 0, bound: 'none', peakFlopsPerS: 0, peakPrecision: precision, path: 'vector' };
      continue;
    }
    var tensor = nd.opClass === 'conv' || nd.opClass === 'gemm';
    var rate = chip.rates[precision + ':' + (tensor ? 'tensor' : 'vector')];
    if (!rate) throw new Error('no peak for ' + precision + ' on ' + chip.id);
    if (rate.note && notes.indexOf(rate.note) < 0) notes.push(rate.note);
    var f = calibrated && chip.factors && chip.factors[nd.opClass] ? chip.factors[nd.opClass] : [1, 1, 0];
    var peak = rate.flopsPerS * f[0], bw = chip.bandwidthBytesPerS * f[1];
    var computeTime = flops / peak, memTime = bytes / bw;
    var bound = flops === 0 && bytes === 0 ? 'none' : computeTime > memTime ? 'compute' : 'memory';
    var t = Math.max(computeTime, memTime) + f[2];
    var attainable = intensity !== null ? Math.min(peak, intensity * bw) : peak;
    res[i] = { precision: precision, flops: flops, bytes: bytes, weightBytes: weight, intensity: intensity, attainableFlopsPerS: attainable, timeS: t, bound: bound, peakFlopsPerS: peak, peakPrecision: rate.used, path: rate.path };
    R.latency += t;
    if (bound === 'memory') R.memoryTime += t;
    R.totalFlops += flops;
    R.totalBytes += bytes;
  }
  return R;
}

// The estimate of model M on chip (a whatIf chip) at precision plan `planName` ('model' = own dtypes) and `batch`.
function estimate(M, chip, planName, batch) {
  var W = M.whatIf, C = costsAt(M, batch), plan = planName && planName !== 'model' ? findPlan(W, planName) : null;
  var R = roofRows(M.nodes, C, chip, plan, W, batch, C.inputBatch, true), latency = R.latency;
  // memory fit (Fit in RooflineEstimator)
  var ratio = function (a, b) { return b > 0 ? a / b : 1; };
  var weights = C.totals.weightBytes * ratio(R.weightsAfter, R.weightsBefore);
  var actAtInput = C.totals.peakActivationBytes * ratio(R.actAfter, R.actBefore);
  var perBatch = actAtInput / C.inputBatch, actTotal = actAtInput * R.scale, total = weights + actTotal, mem = chip.memoryBytes;
  return {
    id: chip.id, name: chip.name, peaks: chip.peaks, bandwidthBytesPerS: chip.bandwidthBytesPerS, precision: plan ? plan.name : 'model',
    batch: batch, nodes: R.nodes, totalTimeS: latency, latencyS: latency, throughputPerS: latency > 0 ? batch / latency : 0,
    memoryBoundFraction: latency > 0 ? R.memoryTime / latency : 0, totalFlops: R.totalFlops, totalBytes: R.totalBytes, notes: R.notes,
    memory: { weightBytes: weights, activationBytes: actTotal, totalBytes: total, memoryBytes: mem,
      fits: typeof mem === 'number' ? total <= mem : null,
      maxBatch: typeof mem === 'number' && perBatch > 0 ? Math.max(0, Math.floor((mem - weights) / perBatch)) : null },
    costs: C
  };
}
