// ---- the node panel: shapes, counts, the layer formula behind its MACs (as `modelmeter layer KIND --explain` prints it, with this
// node's numbers) and its point on the selected chip's roofline.
function formulaText(f) {
  var J = function () { return Array.prototype.join.call(arguments, '·'); };
  var fc = f.kind === 'fc', dw = f.kind === 'dwconv', gr = f.kind === 'gconv';
  var mf = fc ? 'c_in·c_out' : dw ? 'k_h·k_w·c_out·H·W' : gr ? 'k_h·k_w·c_in·c_out·H·W / g' : 'k_h·k_w·c_in·c_out·H·W';
  var ms = fc ? J(f.cin, f.cout) : dw ? J(f.kh, f.kw, f.cout, f.h, f.w) : gr ? J(f.kh, f.kw, f.cin, f.cout, f.h, f.w) + ' / ' + f.g : J(f.kh, f.kw, f.cin, f.cout, f.h, f.w);
  var weights = fc ? f.cin * f.cout : dw ? f.kh * f.kw * f.cout : f.kh * f.kw * f.cin * f.cout / f.g;
  var macs = weights * f.h * f.w;
  return { text: 'MACs = ' + mf + '\n     = ' + ms + '\n     = ' + thousands(macs) + '\n', perSample: macs };
}

function layerCommand(f) {
  var k = ' --kernel ' + f.kh + 'x' + f.kw + ' --out ' + f.h + 'x' + f.w;
  if (f.kind === 'fc') return 'modelmeter layer fc --cin ' + f.cin + ' --cout ' + f.cout + ' --explain';
  if (f.kind === 'dwconv') return 'modelmeter layer dwconv --channels ' + f.cout + k + ' --explain';
  return 'modelmeter layer ' + f.kind + ' --cin ' + f.cin + ' --cout ' + f.cout + k + (f.kind === 'gconv' ? ' --groups ' + f.g : '') + ' --explain';
}

function renderDetail(M, i, E, C, onPick) {
  var box = clear($('node-detail')), n = M.nodes[i];
  if (!n) { box.appendChild(el('p', 'muted', 'No node selected.')); return; }
  box.appendChild(el('h3', null, n.name || '(unnamed)'));
  var dl = el('dl');
  function row(k, v) { dl.appendChild(el('dt', null, k)); dl.appendChild(el('dd', null, v)); }
  row('op type', n.opType + (n.domain ? ' (' + n.domain + ')' : '') + ' · ' + n.opClass);
  row('precision', n.precision);
  row('input shapes', n.inputShapes || '–');
  row('output shape', n.outputShape || '–');
  row('params', thousands(n.params));
  row('MACs', thousands(C ? C.macs[i] : n.macs));
  row('FLOPs', thousands(C ? C.flops[i] : n.flops));
  row('bytes read', si(C ? C.bytesRead[i] : n.bytesRead, 'B') + ' (weights ' + si(C ? C.weightBytes[i] : n.weightBytes, 'B') + ')');
  row('bytes written', si(C ? C.bytesWritten[i] : n.bytesWritten, 'B'));
  if (n.macsExpr) row('MACs formula', n.macsExpr);
  if (n.flopsExpr) row('FLOPs formula', n.flopsExpr);
  if (!n.counted) row('note', 'no rule counted this node (zero cost)');
  box.appendChild(dl);
  if (n.formula) {
    var f = formulaText(n.formula), macsNow = C ? C.macs[i] : n.macs, count = f.perSample > 0 ? Math.round(macsNow / f.perSample) : 0;
    box.appendChild(el('div', 'muted', 'Formula (' + layerCommand(n.formula) + '):'));
    box.appendChild(el('pre', 'formula', f.text + (count !== 1 ? '× ' + thousands(count) + (n.formula.kind === 'fc' ? ' rows' : ' samples') + ' = ' + thousands(macsNow) + ' MACs in this node\n' : '')));
  } else if (n.macs > 0) {
    box.appendChild(el('div', 'muted', 'No layer formula applies to this node (the op rule counted its MACs; see docs/counting.md).'));
  }
  if (E) {
    var p = E.nodes[i];
    var dl2 = el('dl');
    function row2(k, v) { dl2.appendChild(el('dt', null, k)); dl2.appendChild(el('dd', null, v)); }
    row2('on ' + E.name, time(p.timeS) + ' · ' + p.bound + '-bound' + (E.totalTimeS > 0 ? ' · ' + (100 * p.timeS / E.totalTimeS).toPrecision(3) + ' % of the total' : ''));
    if (p.intensity !== null) row2('intensity', small(p.intensity) + ' FLOP/B');
    row2('attainable', si(p.attainableFlopsPerS, 'FLOP/s') + (p.peakFlopsPerS ? ' of a ' + si(p.peakFlopsPerS, 'FLOP/s') + ' ' + (p.peakPrecision || '') + ' ' + (p.path || '') + ' peak' : ''));
    box.appendChild(dl2);
    if (p.intensity > 0 && p.timeS > 0) box.appendChild(roofline(M, E, { only: i }).svg);
  }
  [['inputs from', n.inputs], ['consumed by', n.consumers]].forEach(function (pair) {
    if (!pair[1].length) return;
    var d = el('div'); d.appendChild(el('span', 'muted', pair[0] + ': '));
    pair[1].slice(0, 12).forEach(function (k) {
      var b = el('button', 'link', M.nodes[k].name || M.nodes[k].opType); b.type = 'button';
      b.addEventListener('click', function () { onPick(k); });
      d.appendChild(b);
    });
    if (pair[1].length > 12) d.appendChild(el('span', 'muted', ' … ' + (pair[1].length - 12) + ' more'));
    box.appendChild(d);
  });
}
