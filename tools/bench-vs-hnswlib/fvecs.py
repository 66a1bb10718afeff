"""Read and write TEXMEX .fvecs / .ivecs files (per row: little-endian int32 dim, then dim values)."""
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
