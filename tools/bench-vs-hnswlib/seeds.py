#!/usr/bin/env python3
"""Builds ours (1 thread) and hnswlib-native once per seed on the same files and compares recall and build time
over the seeds, so that a difference smaller than the seed-to-seed spread is reported as such, not as a win or loss.

usage: seeds.py --base B.fvecs --query Q.fvecs --gt G.ivecs [--seeds 1,2,3,4,5] [--ef 128,512] [--m 16]
                [--ef-construction 200] [--k 10] [--out DIR]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ARCVDB = ["dotnet", os.path.join(ROOT, "src/ArcFace.VectorDb.Cli/bin/Release/net10.0/arcvdb.dll")]


def run_ours(common, seed, out):
    path = os.path.join(out, f"ours-seed{seed}.json")
    subprocess.run(ARCVDB + ["bench", "ann", *common, "--threads", "1", "--seed", str(seed), "--json", path],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return json.load(open(path))


def run_native(binary, common, seed, out):
    path = os.path.join(out, f"hnswlib-native-seed{seed}.json")
    subprocess.run([binary, *common, "--seed", str(seed), "--json", path], check=True, stdout=subprocess.DEVNULL)
    return json.load(open(path))


def summarise(docs):
    """Per ef: recall of every seed, mean and standard deviation; build seconds likewise."""
    by_ef = {}
    for doc in docs:
        for r in doc["runs"]:
            by_ef.setdefault(r["ef"], []).append(r["recall"])
    builds = [d["build_seconds"] for d in docs]
    return {"recall": {ef: {"values": v, "mean": statistics.mean(v), "sd": statistics.pstdev(v)} for ef, v in sorted(by_ef.items())},
            "build_seconds": {"values": builds, "mean": statistics.mean(builds), "sd": statistics.pstdev(builds)}}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--base", required=True)
    p.add_argument("--query", required=True)
    p.add_argument("--gt", required=True)
    p.add_argument("--seeds", default="1,2,3,4,5")
    p.add_argument("--ef", default="128,512")
    p.add_argument("--m", default="16")
    p.add_argument("--ef-construction", default="200")
    p.add_argument("--k", default="10")
    p.add_argument("--out", default=os.path.join(ROOT, "out/bench-vs-hnswlib/seeds"))
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    common = ["--base", a.base, "--query", a.query, "--gt", a.gt, "--m", a.m, "--ef-construction", a.ef_construction,
              "--ef", a.ef, "--k", a.k]
    binary = subprocess.run([os.path.join(HERE, "build-native")], check=True, capture_output=True, text=True).stdout.strip()
    subprocess.run(["dotnet", "build", "-c", "Release", "src/ArcFace.VectorDb.Cli"], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    ours, native = [], []
    for seed in [int(s) for s in a.seeds.split(",")]:
        ours.append(run_ours(common, seed, a.out))
        native.append(run_native(binary, common, seed, a.out))
        print(f"seed {seed}: ours build {ours[-1]['build_seconds']:.2f} s, recall "
              + ", ".join(f"ef{r['ef']}={r['recall']:.5f}" for r in ours[-1]["runs"])
              + f" | hnswlib-native build {native[-1]['build_seconds']:.2f} s, recall "
              + ", ".join(f"ef{r['ef']}={r['recall']:.5f}" for r in native[-1]["runs"]), flush=True)
    summary = {"ours": summarise(ours), "hnswlib-native": summarise(native)}
    json.dump(summary, open(os.path.join(a.out, "seeds.json"), "w"), indent=1)
    print("\n| | " + " | ".join(f"recall ef={ef} mean ± sd" for ef in summary["ours"]["recall"]) + " | build s mean ± sd |")
    print("|---|" + "---:|" * (len(summary["ours"]["recall"]) + 1))
    for name, s in summary.items():
        cells = [f"{r['mean']:.5f} ± {r['sd']:.5f}" for r in s["recall"].values()]
        print(f"| {name} | " + " | ".join(cells) + f" | {s['build_seconds']['mean']:.2f} ± {s['build_seconds']['sd']:.2f} |")


if __name__ == "__main__":
    sys.exit(main())
