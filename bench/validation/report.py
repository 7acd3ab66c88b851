#!/usr/bin/env python3
"""Writes the forecast section of docs/validation.md from bench/validation/published.jsonl (runs run.py's logic).
Usage: python3 bench/validation/report.py  (rewrites the block between the markers in docs/validation.md)"""
import json, os, re, statistics, subprocess, sys, collections
here = os.path.dirname(os.path.abspath(__file__))
out = subprocess.run([sys.executable, os.path.join(here, "run.py"), "--md"], capture_output=True, text=True).stdout
lines = [l for l in out.splitlines() if l.startswith("| ") and not l.startswith("| id") and not l.startswith("|---")]
rows = []
for l in lines:
    cells = [c.strip() for c in l.strip("|").split("|")]
    rows.append(dict(id=cells[0], err=int(cells[5].rstrip("%")), bound=cells[3], measured=cells[2], line=l))
def group(i):
    p = i.split("-")
    if i.startswith("trt-bert"): return f"TensorRT demo/BERT, {p[3].upper() if p[3]=='t4' else p[3]}, {p[4]}"
    if i.startswith("dle"): return "PyTorch eager ResNet-50 (DeepLearningExamples)"
    if i.startswith("mlperf"): return "MLPerf Inference ResNet-50 (TensorRT)"
    if i.startswith("trtllm"): return "TensorRT-LLM Llama-2-7B"
    if i.startswith("llamacpp") or i.startswith("xd-"): return "llama.cpp"
    return "other"
g = collections.OrderedDict()
for r in rows: g.setdefault(group(r["id"]), []).append(r["err"])
summary = ["| group | rows | within ±20% | median error | worst |", "|---|---|---|---|---|"]
for k, v in g.items():
    summary.append(f"| {k} | {len(v)} | {sum(1 for e in v if abs(e) <= 20)} | {statistics.median(v):+.0f}% | {max(v, key=abs):+d}% |")
n = len(rows); within = sum(1 for r in rows if abs(r["err"]) <= 20)
tail = [l for l in out.splitlines() if l.startswith(str(n) + " rows")]
block = "\n".join([
    f"**{n} published measurements: predicted within ±20% on {within} ({100*within/n:.0f}%); bound ≤ measured on every row; "
    f"median |error| {statistics.median([abs(r['err']) for r in rows]):.0f}%.** (Goal: ≥ 80% within ±20%.)", "",
    *summary, "", "<details><summary>Every row: command, measured, bound, predicted, error, source</summary>", "",
    "| id | command | measured | bound | predicted | error | source |", "|---|---|---|---|---|---|---|",
    *[r["line"] for r in rows], "", "</details>"])
doc = os.path.join(here, "../../docs/validation.md")
text = open(doc).read()
start, end = "<!-- forecast-table:start -->", "<!-- forecast-table:end -->"
text = re.sub(re.escape(start) + ".*?" + re.escape(end), start + "\n" + block + "\n" + end, text, flags=re.S)
open(doc, "w").write(text)
print(block.splitlines()[0])
