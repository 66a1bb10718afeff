#!/usr/bin/python3
"""Compare ArcFace.VectorDb's `arcvdb bench ann` JSON with hnswlib peer JSON: per-ef table, QPS ratios at fixed
recall, build and memory ratios, PASS/MISS against the targets. Writes OUT/comparison.md and OUT/comparison.json.

Every input is the shared bench JSON: {"dataset", "n", "dim", "m", "ef_construction", "threads", "build_seconds",
"index_bytes", "runs": [{"ef", "recall", "qps", "p50_us", "p99_us"}]} (peers add "peer").

Quantised runs (issue 14): --ours-quantized Q=FILE adds ours, 1 thread, with `--quantization Q` as the series
ours-1t-Q; --quantized-peer LABEL=FILE adds a quantised peer (faiss-sq8). Their JSON may also carry "quantization",
"oversampling" and "rerank_bytes". They get their own section with targets against ours-1t (float).
"""
import argparse
import json
import math
import os
import sys

RECALL_TARGETS = (0.95, 0.99)
QPS_RATIO_MIN = 1.1
BUILD_RATIO_MAX = 1.0
SPEEDUP_2T_MIN = 1.7
MEMORY_RATIO_MAX = 1.15
# Quantisation targets (issue 14), each against ours-1t float: QPS at these recalls ≥ qps_min × float's, max recall
# ≥ float's − max_recall_drop, index_bytes ≤ index_ratio_max × float's, build_seconds ≤ build_ratio_max × float's.
QUANT_TARGETS = {
    "int8": {"qps_recalls": (0.95, 0.99), "qps_min": 1.5, "max_recall_drop": 0.002, "index_ratio_max": 0.40,
             "build_ratio_max": 1.1},
    "binary": {"qps_recalls": (0.95,), "qps_min": 2.0, "max_recall_drop": None, "index_ratio_max": 0.15,
               "build_ratio_max": 1.1},
}
QUANT_INFO_REFS = ("hnswlib-native",)   # informational QPS ratios also go against every quantised peer
REQUIRED = ("dataset", "n", "dim", "m", "ef_construction", "threads", "build_seconds", "index_bytes", "runs")


def load(path):
    """Load and validate one bench JSON file."""
    with open(path) as f:
        doc = json.load(f)
    missing = [key for key in REQUIRED if key not in doc]
    if missing:
        raise ValueError(f"{path}: missing keys {missing}")
    for run in doc["runs"]:
        for key in ("ef", "recall", "qps"):
            if key not in run:
                raise ValueError(f"{path}: a run lacks '{key}'")
    doc["_path"] = path
    return doc


def qps_at_recall(runs, target):
    """QPS at `target` recall on a recall–QPS curve, or None when the curve never reaches it.

    Points are sorted by recall (ties: faster first); log(QPS) is interpolated linearly between the two points
    that bracket the target. If even the lowest-recall point is at or above the target, its QPS is returned
    (the curve starts above the target; this understates that curve's QPS at the target, never overstates it).
    """
    pts = sorted(((r["recall"], r["qps"]) for r in runs if r["qps"] > 0), key=lambda p: (p[0], -p[1]))
    for i, (recall, qps) in enumerate(pts):
        if recall >= target:
            if i == 0 or recall == target:
                return qps
            r0, q0 = pts[i - 1]
            t = (target - r0) / (recall - r0)
            return math.exp(math.log(q0) + t * (math.log(qps) - math.log(q0)))
    return None


def max_recall(doc):
    return max((r["recall"] for r in doc["runs"]), default=None)


def raw_bytes(doc):
    """Vectors plus level-0 links at 4 bytes each: n·dim·4 + n·2M·4."""
    return doc["n"] * doc["dim"] * 4 + doc["n"] * 2 * doc["m"] * 4


def verdict(ok):
    return "PASS" if ok else "MISS"


def ratio_at_recall(first, second, target, minimum, first_missing, second_missing):
    """QPS of two curves at one recall and their ratio first/second with its verdict against `minimum`; when a curve
    never reaches the recall, the ratio is None and the note says which (`first_missing` / `second_missing`)."""
    q_first, q_second = qps_at_recall(first["runs"], target), qps_at_recall(second["runs"], target)
    if q_first is None and q_second is None:
        return q_first, q_second, {"ratio": None, "verdict": "MISS", "note": f"neither curve reaches recall {target}; sweep higher ef"}
    if q_first is None:
        return q_first, q_second, {"ratio": None, "verdict": "MISS", "note": first_missing}
    if q_second is None:
        return q_first, q_second, {"ratio": None, "verdict": "PASS", "note": second_missing}
    ratio = q_first / q_second
    return q_first, q_second, {"ratio": ratio, "verdict": verdict(ratio >= minimum), "note": ""}


def qps_check(ours, peer, target):
    """QPS ratio ours/peer at one recall target, with its verdict."""
    q_ours, q_peer, outcome = ratio_at_recall(ours, peer, target, QPS_RATIO_MIN,
                                              f"ours never reaches recall {target}", f"peer never reaches recall {target}")
    return {"target_recall": target, "ours_qps": q_ours, "peer_qps": q_peer, **outcome}


def peer_checks(ours, peer):
    """All peer-dependent targets for one peer."""
    checks = {f"qps_ratio_at_{t}": qps_check(ours, peer, t) for t in RECALL_TARGETS}
    build = ours["build_seconds"] / peer["build_seconds"] if peer["build_seconds"] > 0 else None
    checks["build_ratio"] = {"ours_seconds": ours["build_seconds"], "peer_seconds": peer["build_seconds"],
                             "ratio": build, "verdict": verdict(build is not None and build <= BUILD_RATIO_MAX)}
    mo, mp = max_recall(ours), max_recall(peer)
    checks["max_recall"] = {"ours": mo, "peer": mp,
                            "verdict": verdict(mo is not None and mp is not None and mo >= mp - 1e-12)}
    return checks


def own_checks(ours, ours2):
    """Targets that depend on ours alone: 2-thread build speedup and memory ratio."""
    checks = {}
    if ours2 is None:
        checks["speedup_2t"] = {"ratio": None, "verdict": "MISS", "note": "no 2-thread run given"}
    else:
        s = ours["build_seconds"] / ours2["build_seconds"] if ours2["build_seconds"] > 0 else None
        checks["speedup_2t"] = {"seconds_1t": ours["build_seconds"], "seconds_2t": ours2["build_seconds"],
                                "ratio": s, "verdict": verdict(s is not None and s >= SPEEDUP_2T_MIN), "note": ""}
    m = ours["index_bytes"] / raw_bytes(ours)
    checks["memory_ratio"] = {"index_bytes": ours["index_bytes"], "raw_bytes": raw_bytes(ours), "ratio": m,
                              "verdict": verdict(m <= MEMORY_RATIO_MAX), "note": ""}
    return checks


def quant_qps_check(q, ours, target, qps_min):
    """QPS ratio quantised/float at one recall, against the `qps_min` target; null ratio when a curve misses."""
    q_q, q_f, outcome = ratio_at_recall(q, ours, target, qps_min,
                                        f"not reached (max recall {fmt(max_recall(q), RECALL_FINE)})",
                                        f"float not reached (max recall {fmt(max_recall(ours), RECALL_FINE)})")
    return {"target_recall": target, "min": qps_min, "qps": q_q, "float_qps": q_f, **outcome}


def quant_checks(q, kind, ours):
    """Issue 14's targets for one quantised series of kind `kind` against ours-1t float; {} for a kind without any."""
    t = QUANT_TARGETS.get(kind)
    if t is None:
        return {}
    checks = {f"qps_ratio_at_{r}": quant_qps_check(q, ours, r, t["qps_min"]) for r in t["qps_recalls"]}
    if t["max_recall_drop"] is not None:
        mq, mf = max_recall(q), max_recall(ours)
        ok = mq is not None and mf is not None and mq >= mf - t["max_recall_drop"] - 1e-12
        checks["max_recall"] = {"value": mq, "float": mf, "max_drop": t["max_recall_drop"], "verdict": verdict(ok)}
    m = q["index_bytes"] / ours["index_bytes"] if ours["index_bytes"] > 0 else None
    checks["index_ratio"] = {"index_bytes": q["index_bytes"], "float_index_bytes": ours["index_bytes"], "ratio": m,
                             "max": t["index_ratio_max"], "verdict": verdict(m is not None and m <= t["index_ratio_max"])}
    b = q["build_seconds"] / ours["build_seconds"] if ours["build_seconds"] > 0 else None
    checks["build_ratio"] = {"seconds": q["build_seconds"], "float_seconds": ours["build_seconds"], "ratio": b,
                             "max": t["build_ratio_max"], "verdict": verdict(b is not None and b <= t["build_ratio_max"])}
    return checks


def quant_info(q, refs):
    """Informational QPS ratios of one quantised series to each reference curve at each recall target (no target)."""
    info = {}
    for label, ref in refs.items():
        row = {}
        for t in RECALL_TARGETS:
            a, b = qps_at_recall(q["runs"], t), qps_at_recall(ref["runs"], t)
            row[str(t)] = a / b if a is not None and b is not None else None
        info[label] = row
    return info


def consistency_warnings(docs):
    """Warn where the inputs were not made with the same data and parameters."""
    warnings = []
    items = [(label, d) for label, d in docs.items() if d is not None]
    for key in ("dataset", "n", "dim", "m", "ef_construction", "k", "nq"):
        values = {label: d[key] for label, d in items if key in d}
        if len(set(map(str, values.values()))) > 1:
            warnings.append(f"'{key}' differs: " + ", ".join(f"{l}={v}" for l, v in values.items()))
    for label, d in items:
        want = 2 if label == "ours-2t" else 1
        if d["threads"] != want:
            warnings.append(f"{label} ran with threads={d['threads']}, expected {want}")
        kind = d.get("_quantization")
        if kind is not None and d.get("quantization", kind) != kind:
            warnings.append(f"{label} has quantization={d['quantization']!r}, expected {kind!r}")
    return warnings


# Highest recalls differ in the fifth decimal (one result in 100,000 with 10,000 queries at k = 10).
RECALL_FINE = "{:.5f}"


def fmt(x, spec="{:.4f}", none="—"):
    return none if x is None else spec.format(x)


def fmt_qps(x):
    return fmt(x, "{:,.0f}")


def fmt_lat(run):
    if run is None or run.get("p50_us") is None:
        return "—"
    return f"{run['p50_us']:.0f} / {run['p99_us']:.0f}" if run.get("p99_us") is not None else f"{run['p50_us']:.0f} / —"


def per_ef_rows(curves):
    """One row per ef over the union of all curves' ef values."""
    efs = sorted({r["ef"] for d in curves.values() for r in d["runs"]})
    rows = []
    for ef in efs:
        row = {"ef": ef}
        for label, d in curves.items():
            row[label] = next((r for r in d["runs"] if r["ef"] == ef), None)
        rows.append(row)
    return rows


def render_quant(docs, quant):
    """The "Quantisation (issue 14)" section: targets of each quantised ours series, then informational ratios."""
    ours = docs.get("ours-1t")
    out = ["## Quantisation (issue 14)", ""]
    for label, d in docs.items():
        if d is not None and label in quant["labels"]:
            extra = [f"quantization {d.get('quantization', d.get('_quantization', '?'))}"]
            if d.get("oversampling") is not None:
                extra.append(f"oversampling {d['oversampling']}")
            if "rerank_bytes" in d:
                extra.append(f"re-rank file {d['rerank_bytes'] / 2**20:.1f} MiB")
            out.append(f"- {label}: " + ", ".join(extra))
    out.append("")
    if ours is None:
        out += ["No ours-1t float JSON given: quantisation targets not checked.", ""]
        return out
    out += ["| series | target | result |", "|---|---|---|"]
    for label, s in quant["series"].items():
        t = QUANT_TARGETS.get(s["kind"])
        if t is None:
            out.append(f"| {label} | no targets for quantization {s['kind']!r} | — |")
            continue
        for r in t["qps_recalls"]:
            c = s["checks"][f"qps_ratio_at_{r}"]
            body = (f"{c['ratio']:.2f}× ({fmt_qps(c['qps'])} / {fmt_qps(c['float_qps'])})" if c["ratio"] is not None
                    else c["note"])
            out.append(f"| {label} | QPS at recall {r} ≥ {t['qps_min']}× float's | **{c['verdict']}** {body} |")
        if "max_recall" in s["checks"]:
            c = s["checks"]["max_recall"]
            out.append(f"| {label} | max recall ≥ float's − {c['max_drop']} | **{c['verdict']}** "
                       f"{fmt(c['value'], RECALL_FINE)} vs {fmt(c['float'], RECALL_FINE)} |")
        c = s["checks"]["index_ratio"]
        out.append(f"| {label} | index_bytes ≤ {c['max']:.2f}× float's | **{c['verdict']}** {fmt(c['ratio'], '{:.2f}')}× "
                   f"({c['index_bytes'] / 2**20:.1f} MiB / {c['float_index_bytes'] / 2**20:.1f} MiB) |")
        c = s["checks"]["build_ratio"]
        out.append(f"| {label} | build ≤ {c['max']:.2f}× float's | **{c['verdict']}** {fmt(c['ratio'], '{:.2f}')}× "
                   f"({c['seconds']:.2f} s / {c['float_seconds']:.2f} s) |")
    out.append("")
    refs = sorted({ref for s in quant["series"].values() for ref in s["info"]},
                  key=lambda ref: list(docs).index(ref))
    if refs:
        out += ["QPS ratio of each quantised series to other curves at the same recall (informational, no target):", "",
                "| series | " + " | ".join(f"/ {ref} at {t}" for ref in refs for t in RECALL_TARGETS) + " |",
                "|---|" + "---:|" * (len(refs) * len(RECALL_TARGETS))]
        for label, s in quant["series"].items():
            cells = [fmt(s["info"].get(ref, {}).get(str(t)), "{:.2f}×") for ref in refs for t in RECALL_TARGETS]
            out.append(f"| {label} | " + " | ".join(cells) + " |")
        out += ["", "— where either curve never reaches the recall.", ""]
    return out


def render(docs, peers, rows, checks_by_peer, own, warnings, quant=None):
    """The Markdown report."""
    ours, ours2 = docs.get("ours-1t"), docs.get("ours-2t")
    ref = next(d for d in docs.values() if d is not None)
    k = next((d["k"] for d in docs.values() if d is not None and "k" in d), None)
    out = [f"# ArcFace.VectorDb HNSW vs hnswlib — {ref['dataset']}", ""]
    out.append(f"n={ref['n']:,} dim={ref['dim']} M={ref['m']} efConstruction={ref['ef_construction']}"
               + (f" k={k}" if k is not None else "") + "; QPS and build on one thread unless marked 2t.")
    out.append("")
    for label, d in docs.items():
        if d is not None:
            what = d.get("peer", "ArcFace.VectorDb arcvdb bench ann")
            if "peer" not in d and d.get("_quantization"):
                what += f" --quantization {d['_quantization']}"
            out.append(f"- {label}: {what} — `{d['_path']}`")
    out.append("")
    if warnings:
        out += ["**Warnings**", ""] + [f"- {w}" for w in warnings] + [""]

    curves = {label: d for label, d in docs.items() if d is not None and label != "ours-2t"}
    out += ["## Recall@k and QPS per ef", ""]
    head = ["ef"]
    for label in curves:
        head += [f"{label} recall", f"{label} QPS"]
    lat_labels = [l for l, d in curves.items() if any(r.get("p50_us") is not None for r in d["runs"])]
    head += [f"{l} p50/p99 µs" for l in lat_labels]
    out += ["| " + " | ".join(head) + " |", "|" + "---:|" * len(head)]
    for row in rows:
        cells = [str(row["ef"])]
        for label in curves:
            r = row[label]
            cells += [fmt(r and r["recall"]), fmt_qps(r and r["qps"])]
        cells += [fmt_lat(row[l]) for l in lat_labels]
        out.append("| " + " | ".join(cells) + " |")
    out.append("")

    if ours2 is not None:
        out += ["## ours, 2 threads", "", "| ef | recall | QPS | p50/p99 µs |", "|---:|---:|---:|---:|"]
        out += [f"| {r['ef']} | {fmt(r['recall'])} | {fmt_qps(r['qps'])} | {fmt_lat(r)} |" for r in ours2["runs"]]
        out.append("")

    out += ["## Build and memory", "", "| | " + " | ".join(l for l, d in docs.items() if d is not None) + " |",
            "|---|" + "---:|" * sum(d is not None for d in docs.values())]
    present = [d for d in docs.values() if d is not None]
    out.append("| threads | " + " | ".join(str(d["threads"]) for d in present) + " |")
    out.append("| build s | " + " | ".join(f"{d['build_seconds']:.2f}" for d in present) + " |")
    out.append("| index MiB | " + " | ".join(f"{d['index_bytes'] / 2**20:.1f}" for d in present) + " |")
    out.append("| max recall | " + " | ".join(fmt(max_recall(d), RECALL_FINE) for d in present) + " |")
    if quant:
        out.append("| quantization | " + " | ".join(d.get("quantization", d.get("_quantization") or "none")
                                                  for d in present) + " |")
        out.append("| rerank MiB | " + " | ".join(f"{d['rerank_bytes'] / 2**20:.1f}" if "rerank_bytes" in d else "—"
                                                for d in present) + " |")
    out += ["", "Peers' index MiB is the process RSS growth over the build (their level-0 formula "
            "n·(dim·4 + 4 + 2M·4 + 8) is in the JSON as index_bytes_formula)."
            + (" A quantised ours series' index MiB is graph + codes in memory; rerank MiB is its file of exact"
               " float vectors. FAISS's formula is n·(dim·code bytes + 2M·4 + 8 + 4)." if quant else ""), ""]

    shaped = [(label, d["graph"]) for label, d in docs.items() if d is not None and d.get("graph")]
    if shaped:
        out += ["## Graph shape", "",
                "| | nodes per level | mean links per level | level 0: no in-links | level 0: unreachable |",
                "|---|---|---|---:|---:|"]
        out += [f"| {label} | {' / '.join(str(x) for x in g['nodes_per_level'])} | "
                f"{' / '.join(f'{x:.3f}' for x in g['mean_degree_per_level'])} | "
                f"{g.get('level0_without_in_links', '–')} | {g.get('level0_unreachable', '–')} |" for label, g in shaped]
        out.append("")

    if ours is None:
        out += ["## Summary", "", "No ours-1t JSON given: peers only, no targets checked.", ""]
        if quant:
            out += render_quant(docs, quant)
        return "\n".join(out)

    # Without a float peer (e.g. only faiss-sq8), the targets about ours alone get one column of their own.
    cols = peers or [None]
    out += ["## Summary: ours against each peer", "",
            "| target | " + " | ".join(f"vs {p}" if p else "ours alone" for p in cols) + " |", "|---|" + "---|" * len(cols)]
    for t in RECALL_TARGETS if peers else ():
        cells = []
        for p in peers:
            c = checks_by_peer[p][f"qps_ratio_at_{t}"]
            body = (f"{c['ratio']:.2f}× ({fmt_qps(c['ours_qps'])} / {fmt_qps(c['peer_qps'])})"
                    if c["ratio"] is not None else c["note"])
            cells.append(f"**{c['verdict']}** {body}")
        out.append(f"| QPS ratio ours/peer at recall {t} ≥ {QPS_RATIO_MIN} | " + " | ".join(cells) + " |")
    if peers:
        cells = []
        for p in peers:
            c = checks_by_peer[p]["build_ratio"]
            cells.append(f"**{c['verdict']}** {fmt(c['ratio'], '{:.2f}')} ({c['ours_seconds']:.2f} s / {c['peer_seconds']:.2f} s)")
        out.append(f"| build time ours-1t / peer-1t ≤ {BUILD_RATIO_MAX} | " + " | ".join(cells) + " |")
        cells = [f"**{checks_by_peer[p]['max_recall']['verdict']}** {fmt(checks_by_peer[p]['max_recall']['ours'], RECALL_FINE)} vs "
                 f"{fmt(checks_by_peer[p]['max_recall']['peer'], RECALL_FINE)}" for p in peers]
        out.append("| our max recall ≥ peer's | " + " | ".join(cells) + " |")
    s = own["speedup_2t"]
    body = (f"{s['ratio']:.2f}× ({s['seconds_1t']:.2f} s / {s['seconds_2t']:.2f} s)" if s["ratio"] is not None
            else s["note"])
    out.append(f"| our 2-thread build speedup ≥ {SPEEDUP_2T_MIN} | " + " | ".join(f"**{s['verdict']}** {body}" for _ in cols) + " |")
    m = own["memory_ratio"]
    body = f"{m['ratio']:.3f} ({m['index_bytes'] / 2**20:.1f} MiB / {m['raw_bytes'] / 2**20:.1f} MiB)"
    out.append(f"| our memory index_bytes / (n·dim·4 + n·2M·4) ≤ {MEMORY_RATIO_MAX} | "
               + " | ".join(f"**{m['verdict']}** {body}" for _ in cols) + " |")
    out.append("")
    if quant:
        out += render_quant(docs, quant)
    verdicts = all_verdicts(checks_by_peer, own, quant)
    misses = verdicts.count("MISS")
    out.append(f"**Overall: {'all targets PASS' if misses == 0 else f'{misses} of {len(verdicts)} checks MISS'}.**")
    out.append("")
    return "\n".join(out)


def all_verdicts(checks_by_peer, own, quant=None):
    """Every PASS/MISS: ours against each peer, ours alone, and the quantisation targets."""
    verdicts = [c["verdict"] for pc in checks_by_peer.values() for c in pc.values()] + [c["verdict"] for c in own.values()]
    if quant:
        verdicts += [c["verdict"] for s in quant["series"].values() for c in s["checks"].values()]
    return verdicts


def parse_spec(p, spec, option):
    """LABEL=FILE (or Q=FILE) from a command-line option."""
    label, sep, path = spec.partition("=")
    if not sep or not label or not path:
        p.error(f"{option} wants LABEL=FILE, got {spec!r}")
    return label, path


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--ours", help="ours, one thread (arcvdb bench ann --threads 1 JSON)")
    p.add_argument("--ours-2t", help="ours, two threads (for the build speedup)")
    p.add_argument("--peer", action="append", default=[], metavar="LABEL=FILE",
                   help="a peer's JSON, e.g. hnswlib-py=OUT/hnswlib-py.json (repeatable)")
    p.add_argument("--ours-quantized", action="append", default=[], metavar="Q=FILE",
                   help="ours, one thread, with --quantization Q (int8, binary), shown as ours-1t-Q (repeatable)")
    p.add_argument("--quantized-peer", action="append", default=[], metavar="LABEL=FILE",
                   help="a quantised peer's JSON, e.g. faiss-sq8=OUT/faiss-sq8.json: shown with the quantised series, "
                        "informational ratios only (repeatable)")
    p.add_argument("--out", required=True, help="directory for comparison.md and comparison.json")
    p.add_argument("--strict", action="store_true", help="exit 1 when any target is MISS")
    a = p.parse_args()

    docs = {"ours-1t": load(a.ours) if a.ours else None, "ours-2t": load(a.ours_2t) if a.ours_2t else None}
    peers = []
    for spec in a.peer:
        label, path = parse_spec(p, spec, "--peer")
        docs[label] = load(path)
        peers.append(label)
    quant_series, quant_peers = {}, []
    for spec in a.ours_quantized:
        kind, path = parse_spec(p, spec, "--ours-quantized")
        label = f"ours-1t-{kind}"
        docs[label] = load(path)
        docs[label]["_quantization"] = kind
        quant_series[label] = kind
    for spec in a.quantized_peer:
        label, path = parse_spec(p, spec, "--quantized-peer")
        docs[label] = load(path)
        quant_peers.append(label)
    if all(d is None for d in docs.values()):
        p.error("nothing to compare: give --ours and/or --peer")

    curves = {label: d for label, d in docs.items() if d is not None and label != "ours-2t"}
    rows = per_ef_rows(curves)
    warnings = consistency_warnings(docs)
    ours = docs["ours-1t"]
    checks_by_peer = {peer: peer_checks(ours, docs[peer]) for peer in peers} if ours else {}
    own = own_checks(ours, docs["ours-2t"]) if ours else {}
    quant = None
    if quant_series or quant_peers:
        refs = {label: docs[label] for label in quant_peers + [r for r in QUANT_INFO_REFS if r in peers]}
        quant = {"labels": list(quant_series) + quant_peers, "peers": quant_peers,
                 "series": {label: {"kind": kind, "checks": quant_checks(docs[label], kind, ours) if ours else {},
                                    "info": quant_info(docs[label], refs)}
                            for label, kind in quant_series.items()}}

    md = render(docs, peers, rows, checks_by_peer, own, warnings, quant)
    verdicts = all_verdicts(checks_by_peer, own, quant)
    result = {
        "dataset": next(d for d in docs.values() if d is not None)["dataset"],
        "inputs": {label: d["_path"] for label, d in docs.items() if d is not None},
        "targets": {"qps_ratio_min": QPS_RATIO_MIN, "recall_targets": list(RECALL_TARGETS),
                    "build_ratio_max": BUILD_RATIO_MAX, "speedup_2t_min": SPEEDUP_2T_MIN,
                    "memory_ratio_max": MEMORY_RATIO_MAX},
        "per_ef": [{"ef": row["ef"], **{label: ({"recall": r["recall"], "qps": r["qps"]} if r else None)
                                        for label, r in row.items() if label != "ef"}} for row in rows],
        "qps_at_recall": {label: {str(t): qps_at_recall(d["runs"], t) for t in RECALL_TARGETS}
                          for label, d in curves.items()},
        "max_recall": {label: max_recall(d) for label, d in curves.items()},
        "vs_peer": checks_by_peer,
        "ours_only": own,
        "warnings": warnings,
        "all_pass": bool(verdicts) and all(v == "PASS" for v in verdicts),
    }
    if quant:
        result["quantization"] = {
            "targets": {kind: {**t, "qps_recalls": list(t["qps_recalls"])} for kind, t in QUANT_TARGETS.items()},
            "peers": quant["peers"],
            "series": {label: {"kind": s["kind"], "oversampling": docs[label].get("oversampling"),
                               "rerank_bytes": docs[label].get("rerank_bytes"), "checks": s["checks"],
                               "qps_ratio_to": s["info"]}
                       for label, s in quant["series"].items()},
        }
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "comparison.md"), "w") as f:
        f.write(md + "\n")
    with open(os.path.join(a.out, "comparison.json"), "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    print(md)
    if a.strict and ours and not result["all_pass"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
