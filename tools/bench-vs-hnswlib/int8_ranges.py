#!/usr/bin/python3
"""Which int8 range wins on a data set: global or per-dimension, min-max or clipped at the 0.99 quantile.

Trains each range on the first 4,096 base vectors (as a collection does), codes base and queries the same way (as the
index does: symmetric), and prints the share of the exact top 10 found in the code-ranked top 10 (no re-ranking) and
top 20 (oversampling 2, re-ranked exactly). Usage: int8_ranges.py DATA_FOLDER [QUERIES] (base.fvecs, query.fvecs,
gt.ivecs inside).
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fvecs import read_fvecs, read_ivecs  # noqa: E402


def decoded(x, lower, upper):
    """Vectors as their int8 codes decode them, for ranges [lower, upper] (scalars or per dimension)."""
    step = (upper - lower) / 255.0
    offset = lower + 128 * step
    return (np.clip(np.round((x - offset) / step), -128, 127) * step + offset).astype(np.float32)


def main():
    folder, nq = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 500
    base = read_fvecs(os.path.join(folder, "base.fvecs"))
    query = read_fvecs(os.path.join(folder, "query.fvecs"))[:nq]
    truth = read_ivecs(os.path.join(folder, "gt.ivecs"))[:nq, :10]
    sample = base[:4096]
    ranges = {
        "global min-max": (sample.min(), sample.max()),
        "per-dim min-max": (sample.min(0), sample.max(0)),
        "global 0.99": (np.quantile(sample, 0.005), np.quantile(sample, 0.995)),
        "per-dim 0.99": (np.quantile(sample, 0.005, axis=0), np.quantile(sample, 0.995, axis=0)),
    }
    for name, (lower, upper) in ranges.items():
        upper = np.maximum(upper, lower + 1e-9)
        scores = decoded(query, lower, upper) @ decoded(base, lower, upper).T
        found = []
        for width in (10, 20):
            top = np.argpartition(-scores, width, axis=1)[:, :width]
            found.append(np.mean([len(set(truth[i]) & set(top[i])) / 10 for i in range(len(query))]))
        print(f"{os.path.basename(folder.rstrip('/')):20s} {name:16s} top 10 by codes {found[0]:.4f}   top 20 {found[1]:.4f}")


if __name__ == "__main__":
    main()
