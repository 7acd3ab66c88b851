#!/usr/bin/env python3
"""Runs every row of bench/validation/published.jsonl through the modelmeter CLI and prints bound, predicted and measured.
Usage: python3 bench/validation/run.py [--cli 'dotnet src/ModelMeter.Cli/bin/Release/net10.0/ModelMeter.Cli.dll'] [--md]"""
import json, subprocess, sys, os, shlex, tempfile, statistics
here = os.path.dirname(os.path.abspath(__file__))
cli = os.environ.get("MODELMETER_CLI", "dotnet " + os.path.join(here, "../../src/ModelMeter.Cli/bin/Debug/net10.0/ModelMeter.Cli.dll"))
rows = [json.loads(l) for l in open(os.path.join(here, "published.jsonl")) if l.strip()]

def run(args):
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f: out = f.name
    cmd = shlex.split(cli) + args + ["--format", "json", "-o", out]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0: raise RuntimeError(" ".join(args) + ": " + r.stderr.strip())
    d = json.load(open(out)); os.unlink(out); return d

results = []
for r in rows:
    c = r["command"]
    try:
        d = run(shlex.split(c))
    except RuntimeError as e:
        print("ERROR", r["id"], e, file=sys.stderr); continue
    if c.startswith("llm"):
        b = d["llm"]["batches"][0]
        key = r["seconds_meaning"]
        gen = d["llm"]["generate"]
        bound = {"decode_step": b["bound_tpot_s"], "prefill": b["bound_ttft_s"],
                 "end_to_end_request": b["bound_ttft_s"] + (gen - 1) * b["bound_tpot_s"]}[key]
        pred = {"decode_step": b["predicted_tpot_s"], "prefill": b["predicted_ttft_s"],
                "end_to_end_request": b["predicted_ttft_s"] + (gen - 1) * b["predicted_tpot_s"]}[key]
    else:
        e = d["estimates"][0]
        bound, pred = e["bound_latency_s"], e["predicted_latency_s"]
    m = r["seconds"]
    results.append((r, bound, pred, m))

ok = sum(1 for _, b, p, m in results if abs(p / m - 1) <= 0.2)
bounds = sum(1 for _, b, p, m in results if b <= m)
errs = [p / m - 1 for _, b, p, m in results]
if "--md" in sys.argv:
    print("| id | command | measured | bound | predicted | error | source |")
    print("|---|---|---|---|---|---|---|")
    for r, b, p, m in results:
        print(f"| {r['id']} | `modelmeter {r['command']}` | {m*1e3:.4g} ms | {b*1e3:.4g} ms | {p*1e3:.4g} ms | {100*(p/m-1):+.0f}% | [{r['source_name']}]({r['source_url']}) |")
else:
    for r, b, p, m in results:
        flag = "" if b <= m else "  BOUND>MEASURED"
        print(f"{r['id'][:55]:55s} meas {m*1e3:9.3f} ms bound {b*1e3:9.3f} pred {p*1e3:9.3f} err {100*(p/m-1):+5.0f}%{flag}")
print(f"\n{len(results)} rows: predicted within ±20% on {ok} ({100*ok/max(1,len(results)):.0f}%); bound ≤ measured on {bounds}; median |error| {100*statistics.median([abs(e) for e in errs]):.0f}%")
