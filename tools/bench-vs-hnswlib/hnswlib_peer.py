#!/usr/bin/python3
"""hnswlib Python peer (Debian python3-hnswlib): build one inner-product index, sweep ef, write the shared bench JSON.

Build: add_items with num_threads=1, timed. Queries: per ef, set_ef(ef) then ONE knn_query over all queries with
num_threads=1, timed (fastest of --repeat passes); QPS = nq / seconds. Run it with /usr/bin/python3 (the Debian interpreter that has hnswlib).
"""
import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fvecs import read_bench_set, write_report  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_bytes():
    """Resident set size of this process, from /proc/self/statm (second field, in pages)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE


def recall_at_k(found, gt, k):
    """Mean over queries of |found[:k] ∩ gt[:k]| / k."""
    hits = sum(len(set(found[i, :k].tolist()) & set(gt[i, :k].tolist())) for i in range(found.shape[0]))
    return hits / (found.shape[0] * k)


def parse_efs(text):
    return [int(x) for x in text.split(",") if x.strip()]


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--base", required=True)
    p.add_argument("--query", required=True)
    p.add_argument("--gt", required=True)
    p.add_argument("--name", default=None, help="dataset name for the JSON (default: base file's folder name)")
    p.add_argument("--m", type=int, default=16)
    p.add_argument("--ef-construction", type=int, default=200)
    p.add_argument("--ef", default="10,16,32,64,128,256,512")
    p.add_argument("--k", type=int, default=10)
    p.add_argument("--repeat", type=int, default=1, help="query passes per ef; the fastest is kept (default 1)")
    p.add_argument("--seed", type=int, default=100, help="hnswlib random_seed (default 100, hnswlib's own)")
    p.add_argument("--json", required=True, help="output JSON path")
    a = p.parse_args()

    import hnswlib

    base, query, gt, name = read_bench_set(a)
    n, dim = base.shape
    ids = np.arange(n, dtype=np.int64)

    rss0 = rss_bytes()
    index = hnswlib.Index(space="ip", dim=dim)
    index.init_index(max_elements=n, M=a.m, ef_construction=a.ef_construction, random_seed=a.seed)
    t0 = time.perf_counter()
    index.add_items(base, ids, num_threads=1)
    build_seconds = time.perf_counter() - t0
    rss_growth = rss_bytes() - rss0
    formula = n * (dim * 4 + 4 + 2 * a.m * 4 + 8)
    print(f"[hnswlib-py] built n={n} dim={dim} M={a.m} efC={a.ef_construction} in {build_seconds:.2f}s, "
          f"RSS growth {rss_growth / 2**20:.1f} MiB, level-0 formula {formula / 2**20:.1f} MiB", flush=True)

    runs = []
    nq = query.shape[0]
    for ef in parse_efs(a.ef):
        index.set_ef(ef)
        seconds = float("inf")
        for _ in range(max(1, a.repeat)):
            t0 = time.perf_counter()
            labels, _ = index.knn_query(query, k=a.k, num_threads=1)
            seconds = min(seconds, time.perf_counter() - t0)
        r = recall_at_k(labels, gt, a.k)
        runs.append({"ef": ef, "recall": r, "qps": nq / seconds, "p50_us": None, "p99_us": None})
        print(f"[hnswlib-py] ef={ef:4d} recall@{a.k}={r:.4f} qps={nq / seconds:10.1f}", flush=True)

    out = {
        "peer": "hnswlib-python 0.6.2 (Debian python3-hnswlib, SSE only)",
        "dataset": name, "n": n, "dim": dim, "m": a.m, "ef_construction": a.ef_construction, "threads": 1,
        "k": a.k, "nq": nq, "repeat": max(1, a.repeat),
        "build_seconds": build_seconds,
        "index_bytes": rss_growth,
        "index_bytes_source": "RSS growth over init_index + add_items (/proc/self/statm)",
        "index_bytes_formula": formula,
        "runs": runs,
    }
    write_report(a.json, out)


if __name__ == "__main__":
    main()
