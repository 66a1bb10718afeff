#!/usr/bin/python3
"""FAISS peer (Debian python3-faiss 1.7.3): build one inner-product HNSW index, sweep ef, write the shared bench JSON.

--index sq8 (default): IndexHNSWSQ with QT_8bit codes (one byte per dimension, trained per-dimension ranges), the
peer for our int8 quantisation. --index flat: IndexHNSWFlat (float32 storage), as a reference.
One OpenMP thread throughout (faiss.omp_set_num_threads(1)). Build: train on the base vectors (timed: train_seconds),
then add (timed: add_seconds); build_seconds = train + add. Queries: per ef, hnsw.efSearch = ef then ONE search over
all queries, timed (fastest of --repeat passes); QPS = nq / seconds; no per-query latency, so p50/p99 are null.
Run it with /usr/bin/python3 (the Debian interpreter that has faiss).
"""
import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fvecs import read_bench_set, write_report  # noqa: E402
from hnswlib_peer import parse_efs, recall_at_k, rss_bytes  # noqa: E402

PEERS = {
    "sq8": "faiss 1.7.3 IndexHNSWSQ QT_8bit (Debian python3-faiss)",
    "flat": "faiss 1.7.3 IndexHNSWFlat (Debian python3-faiss)",
}


def make_index(kind, dim, m):
    """The empty index. Both constructors take the metric as the last positional argument (default METRIC_L2)."""
    import faiss
    if kind == "sq8":
        return faiss.IndexHNSWSQ(dim, faiss.ScalarQuantizer.QT_8bit, m, faiss.METRIC_INNER_PRODUCT)
    return faiss.IndexHNSWFlat(dim, m, faiss.METRIC_INNER_PRODUCT)


def formula_bytes(kind, n, dim, m):
    """Lower bound on what the index holds, level 0 only, like hnswlib's level-0 formula:

    codes     n·dim·1 for SQ8 (one uint8 per dimension), n·dim·4 for flat float32
    links     n·2M·4  level-0 neighbour slots, storage_idx_t = int32 in FAISS 1.7.3 (HNSW::neighbors)
    offsets   n·8     HNSW::offsets, one size_t per node (plus one)
    levels    n·4     HNSW::levels, one int per node
    i.e. n·(dim·c + 2M·4 + 8 + 4). Upper-level links (M slots per node per level above 0) and the SQ8 training
    ranges (2·dim floats) are left out; `index_bytes_counted` includes them.
    """
    code = dim * (1 if kind == "sq8" else 4)
    return n * (code + 2 * m * 4 + 8 + 4)


def counted_bytes(index, kind, n, dim):
    """Bytes of the index's main arrays as they are after the build: codes, all neighbour slots, offsets, levels."""
    hnsw = index.hnsw
    code = dim * (1 if kind == "sq8" else 4)
    trained = 2 * dim * 4 if kind == "sq8" else 0
    return n * code + trained + hnsw.neighbors.size() * 4 + hnsw.offsets.size() * 8 + hnsw.levels.size() * 4


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--base", required=True)
    p.add_argument("--query", required=True)
    p.add_argument("--gt", required=True)
    p.add_argument("--name", default=None, help="dataset name for the JSON (default: base file's folder name)")
    p.add_argument("--index", choices=sorted(PEERS), default="sq8", help="sq8 (IndexHNSWSQ QT_8bit, default) or flat")
    p.add_argument("--m", type=int, default=16)
    p.add_argument("--ef-construction", type=int, default=200)
    p.add_argument("--ef", default="10,16,32,64,128,256,512")
    p.add_argument("--k", type=int, default=10)
    p.add_argument("--repeat", type=int, default=1, help="query passes per ef; the fastest is kept (default 1)")
    p.add_argument("--seed", type=int, default=100,
                   help="recorded in the JSON only: FAISS HNSW has no seed option, its level draws use its own RNG")
    p.add_argument("--json", required=True, help="output JSON path")
    a = p.parse_args()

    import faiss

    base, query, gt, name = read_bench_set(a)
    n, dim = base.shape
    tag = f"faiss-{a.index}"

    faiss.omp_set_num_threads(1)
    rss0 = rss_bytes()
    index = make_index(a.index, dim, a.m)
    index.hnsw.efConstruction = a.ef_construction
    t0 = time.perf_counter()
    index.train(base)           # SQ8: per-dimension min/max; flat: nothing to learn
    train_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    index.add(base)
    add_seconds = time.perf_counter() - t0
    build_seconds = train_seconds + add_seconds
    rss_growth = rss_bytes() - rss0
    formula = formula_bytes(a.index, n, dim, a.m)
    counted = counted_bytes(index, a.index, n, dim)
    print(f"[{tag}] built n={n} dim={dim} M={a.m} efC={a.ef_construction} in {build_seconds:.2f}s "
          f"(train {train_seconds:.2f}s, add {add_seconds:.2f}s), RSS growth {rss_growth / 2**20:.1f} MiB, "
          f"level-0 formula {formula / 2**20:.1f} MiB, counted arrays {counted / 2**20:.1f} MiB", flush=True)

    runs = []
    nq = query.shape[0]
    for ef in parse_efs(a.ef):
        index.hnsw.efSearch = ef
        seconds = float("inf")
        for _ in range(max(1, a.repeat)):
            t0 = time.perf_counter()
            _, labels = index.search(query, a.k)
            seconds = min(seconds, time.perf_counter() - t0)
        r = recall_at_k(labels, gt, a.k)
        runs.append({"ef": ef, "recall": r, "qps": nq / seconds, "p50_us": None, "p99_us": None})
        print(f"[{tag}] ef={ef:4d} recall@{a.k}={r:.4f} qps={nq / seconds:10.1f}", flush=True)

    out = {
        "peer": PEERS[a.index],
        "dataset": name, "n": n, "dim": dim, "m": a.m, "ef_construction": a.ef_construction, "threads": 1,
        "k": a.k, "nq": nq, "repeat": max(1, a.repeat),
        "seed": a.seed,
        "seed_note": "recorded only: FAISS HNSW has no seed option; levels come from its own internal RNG",
        "quantization": "int8" if a.index == "sq8" else "none",
        "metric": "inner product (METRIC_INNER_PRODUCT)",
        "omp_threads": 1,
        "build_seconds": build_seconds,
        "train_seconds": train_seconds,
        "add_seconds": add_seconds,
        "index_bytes": rss_growth,
        "index_bytes_source": "RSS growth over index creation + train + add (/proc/self/statm)",
        "index_bytes_formula": formula,
        "index_bytes_formula_text": ("n·(dim·1 + 2M·4 + 8 + 4): SQ8 codes + level-0 int32 links + offsets + levels"
                                     if a.index == "sq8" else
                                     "n·(dim·4 + 2M·4 + 8 + 4): float32 vectors + level-0 int32 links + offsets + levels"),
        "index_bytes_counted": counted,
        "runs": runs,
    }
    write_report(a.json, out)


if __name__ == "__main__":
    main()
