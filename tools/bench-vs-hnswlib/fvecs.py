"""Read and write TEXMEX .fvecs / .ivecs files (per row: little-endian int32 dim, then dim values)."""
import json
import os
import sys

import numpy as np


def read_vecs(path, dtype):
    """Return a 2-D array of `dtype` ('<f4' or '<i4') from an .fvecs/.ivecs file."""
    raw = np.fromfile(path, dtype="<i4")
    if raw.size == 0:
        raise ValueError(f"{path}: empty file")
    dim = int(raw[0])
    if dim <= 0 or raw.size % (dim + 1) != 0:
        raise ValueError(f"{path}: size {raw.size * 4} bytes is not a whole number of rows of dim {dim}")
    rows = raw.reshape(-1, dim + 1)
    if not np.all(rows[:, 0] == dim):
        raise ValueError(f"{path}: rows have differing dimensions")
    return np.ascontiguousarray(rows[:, 1:]).view(dtype)


def read_fvecs(path):
    """Float32 matrix from an .fvecs file."""
    return read_vecs(path, "<f4")


def read_ivecs(path):
    """Int32 matrix from an .ivecs file."""
    return read_vecs(path, "<i4")


def write_vecs(path, matrix):
    """Write a 2-D float32 or int32 matrix as .fvecs/.ivecs."""
    matrix = np.ascontiguousarray(matrix)
    n, dim = matrix.shape
    out = np.empty((n, dim + 1), dtype="<i4")
    out[:, 0] = dim
    out[:, 1:] = matrix.view("<i4") if matrix.dtype == np.float32 else matrix.astype("<i4")
    out.tofile(path)


def read_bench_set(args):
    """The base, query and ground-truth matrices a peer's --base/--query/--gt name, checked against each other and
    --k, and the data set's name (--name, else the base file's folder); exits with a message when they disagree."""
    base, query, gt = read_fvecs(args.base), read_fvecs(args.query), read_ivecs(args.gt)
    if query.shape[1] != base.shape[1]:
        sys.exit(f"query dim {query.shape[1]} != base dim {base.shape[1]}")
    if gt.shape[0] != query.shape[0] or gt.shape[1] < args.k:
        sys.exit(f"gt is {gt.shape}, need {query.shape[0]} rows of at least k={args.k}")
    return base, query, gt, args.name or os.path.basename(os.path.dirname(os.path.abspath(args.base)))


def write_report(path, report):
    """Write a peer's bench JSON (indented, with a final newline)."""
    with open(path, "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")
