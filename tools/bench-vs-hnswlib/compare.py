#!/usr/bin/python3
"""Compare ArcFace.VectorDb's `arcvdb bench ann` JSON with hnswlib peer JSON: per-ef table, QPS ratios at fixed
recall, build and memory ratios, PASS/MISS against the targets. Writes OUT/comparison.md and OUT/comparison.json.

Every input is the shared bench JSON: {"dataset", "n", "dim", "m", "ef_construction", "threads", "build_seconds",
"index_bytes", "runs": [{"ef", "recall", "qps", "p50_us", "p99_us"}]} (peers add "peer").
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


def qps_check(ours, peer, target):
    """QPS ratio ours/peer at one recall target, with its verdict."""
    q_ours, q_peer = qps_at_recall(ours["runs"], target), qps_at_recall(peer["runs"], target)
    res = {"target_recall": target, "ours_qps": q_ours, "peer_qps": q_peer, "ratio": None}
    if q_ours is None and q_peer is None:
        res.update(verdict="MISS", note=f"neither curve reaches recall {target}; sweep higher ef")
    elif q_ours is None:
        res.update(verdict="MISS", note=f"ours never reaches recall {target}")
    elif q_peer is None:
        res.update(verdict="PASS", note=f"peer never reaches recall {target}")
    else:
        res["ratio"] = q_ours / q_peer
        res.update(verdict=verdict(res["ratio"] >= QPS_RATIO_MIN), note="")
    return res


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


def render(docs, peers, rows, checks_by_peer, own, warnings):
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
            out.append(f"- {label}: {d.get('peer', 'ArcFace.VectorDb arcvdb bench ann')} — `{d['_path']}`")
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
    out += ["", "Peers' index MiB is the process RSS growth over the build (their level-0 formula "
            "n·(dim·4 + 4 + 2M·4 + 8) is in the JSON as index_bytes_formula).", ""]

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
        return "\n".join(out)

    out += ["## Summary: ours against each peer", "",
            "| target | " + " | ".join(f"vs {p}" for p in peers) + " |", "|---|" + "---|" * len(peers)]
    for t in RECALL_TARGETS:
        cells = []
        for p in peers:
            c = checks_by_peer[p][f"qps_ratio_at_{t}"]
            body = (f"{c['ratio']:.2f}× ({fmt_qps(c['ours_qps'])} / {fmt_qps(c['peer_qps'])})"
                    if c["ratio"] is not None else c["note"])
            cells.append(f"**{c['verdict']}** {body}")
        out.append(f"| QPS ratio ours/peer at recall {t} ≥ {QPS_RATIO_MIN} | " + " | ".join(cells) + " |")
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
    out.append(f"| our 2-thread build speedup ≥ {SPEEDUP_2T_MIN} | " + " | ".join(f"**{s['verdict']}** {body}" for _ in peers) + " |")
    m = own["memory_ratio"]
    body = f"{m['ratio']:.3f} ({m['index_bytes'] / 2**20:.1f} MiB / {m['raw_bytes'] / 2**20:.1f} MiB)"
    out.append(f"| our memory index_bytes / (n·dim·4 + n·2M·4) ≤ {MEMORY_RATIO_MAX} | "
               + " | ".join(f"**{m['verdict']}** {body}" for _ in peers) + " |")
    out.append("")
    verdicts = [c["verdict"] for pc in checks_by_peer.values() for c in pc.values()] + [c["verdict"] for c in own.values()]
    misses = verdicts.count("MISS")
    out.append(f"**Overall: {'all targets PASS' if misses == 0 else f'{misses} of {len(verdicts)} checks MISS'}.**")
    out.append("")
    return "\n".join(out)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--ours", help="ours, one thread (arcvdb bench ann --threads 1 JSON)")
    p.add_argument("--ours-2t", help="ours, two threads (for the build speedup)")
    p.add_argument("--peer", action="append", default=[], metavar="LABEL=FILE",
                   help="a peer's JSON, e.g. hnswlib-py=OUT/hnswlib-py.json (repeatable)")
    p.add_argument("--out", required=True, help="directory for comparison.md and comparison.json")
    p.add_argument("--strict", action="store_true", help="exit 1 when any target is MISS")
    a = p.parse_args()

    docs = {"ours-1t": load(a.ours) if a.ours else None, "ours-2t": load(a.ours_2t) if a.ours_2t else None}
    peers = []
    for spec in a.peer:
        label, sep, path = spec.partition("=")
        if not sep or not label or not path:
            p.error(f"--peer wants LABEL=FILE, got {spec!r}")
        docs[label] = load(path)
        peers.append(label)
    if all(d is None for d in docs.values()):
        p.error("nothing to compare: give --ours and/or --peer")

    curves = {label: d for label, d in docs.items() if d is not None and label != "ours-2t"}
    rows = per_ef_rows(curves)
    warnings = consistency_warnings(docs)
    ours = docs["ours-1t"]
    checks_by_peer = {peer: peer_checks(ours, docs[peer]) for peer in peers} if ours else {}
    own = own_checks(ours, docs["ours-2t"]) if ours else {}

    md = render(docs, peers, rows, checks_by_peer, own, warnings)
    verdicts = [c["verdict"] for pc in checks_by_peer.values() for c in pc.values()] + [c["verdict"] for c in own.values()]
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
