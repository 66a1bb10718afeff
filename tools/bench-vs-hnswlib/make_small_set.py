#!/usr/bin/python3
"""Make a small clustered, L2-normalised test set: base.fvecs, query.fvecs and exact gt.ivecs (top-100 by inner product)."""
import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fvecs import write_vecs  # noqa: E402


def normalise(x):
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--out", required=True, help="directory to write base.fvecs, query.fvecs, gt.ivecs into")
    p.add_argument("--n", type=int, default=20000, help="base vectors (default 20000)")
    p.add_argument("--nq", type=int, default=1000, help="queries (default 1000)")
    p.add_argument("--dim", type=int, default=128, help="dimension (default 128)")
    p.add_argument("--clusters", type=int, default=200, help="Gaussian clusters (default 200)")
    p.add_argument("--spread", type=float, default=0.6, help="within-cluster std relative to centre norm (default 0.6)")
    p.add_argument("--gt-k", type=int, default=100, help="ground-truth neighbours per query (default 100)")
    p.add_argument("--seed", type=int, default=1234)
    a = p.parse_args()

    rng = np.random.default_rng(a.seed)
    centres = normalise(rng.standard_normal((a.clusters, a.dim)))
    sigma = a.spread / np.sqrt(a.dim)

    def draw(count):
        c = rng.integers(0, a.clusters, count)
        return normalise(centres[c] + sigma * rng.standard_normal((count, a.dim)))

    base, query = draw(a.n), draw(a.nq)
    gt = np.empty((a.nq, a.gt_k), dtype=np.int32)
    for s in range(0, a.nq, 256):
        scores = query[s:s + 256] @ base.T
        top = np.argpartition(-scores, a.gt_k, axis=1)[:, :a.gt_k]
        order = np.argsort(-np.take_along_axis(scores, top, axis=1), axis=1, kind="stable")
        gt[s:s + 256] = np.take_along_axis(top, order, axis=1)

    os.makedirs(a.out, exist_ok=True)
    write_vecs(os.path.join(a.out, "base.fvecs"), base)
    write_vecs(os.path.join(a.out, "query.fvecs"), query)
    write_vecs(os.path.join(a.out, "gt.ivecs"), gt)
    print(f"wrote {a.out}: base {base.shape}, query {query.shape}, gt {gt.shape}")


if __name__ == "__main__":
    main()
