#!/usr/bin/env python3
"""Check the exported ONNX graph without onnxruntime (none is packaged here): run it with a
tiny numpy interpreter for the few operators it uses, on the reference images, and compare
with the torch embeddings in reference-embeddings.json.

Run:  /usr/bin/python3 tools/train-arcface/verify_onnx.py
"""
import argparse
import json
import os
import sys

import numpy as np
import onnx
from onnx import numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
from train import load_split, preprocess  # noqa: E402  (same preprocessing as training)


def conv(x, w, b, strides, pads, group):
    assert group == 1
    n, c, h, wd = x.shape
    oc, ic, kh, kw = w.shape
    sh, sw = strides
    x = np.pad(x, ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])))
    oh = (x.shape[2] - kh) // sh + 1
    ow = (x.shape[3] - kw) // sw + 1
    cols = np.empty((n, c, kh, kw, oh, ow), dtype=np.float64)
    for i in range(kh):
        for j in range(kw):
            cols[:, :, i, j] = x[:, :, i: i + sh * oh: sh, j: j + sw * ow: sw]
    y = np.einsum("nckloh,dckl->ndoh", cols, w.astype(np.float64), optimize=True)
    if b is not None:
        y += b.reshape(1, -1, 1, 1)
    return y


def run(model, x):
    env = {t.name: numpy_helper.to_array(t).astype(np.float64) for t in model.graph.initializer}
    env[model.graph.input[0].name] = x.astype(np.float64)
    for node in model.graph.node:
        a = {at.name: onnx.helper.get_attribute_value(at) for at in node.attribute}
        i = [env[n] if n else None for n in node.input]
        op = node.op_type
        if op == "Conv":
            y = conv(i[0], i[1], i[2] if len(i) > 2 else None, a.get("strides", [1, 1]), a.get("pads", [0, 0, 0, 0]), a.get("group", 1))
        elif op == "Relu":
            y = np.maximum(i[0], 0)
        elif op == "Add":
            y = i[0] + i[1]
        elif op == "GlobalAveragePool":
            y = i[0].mean(axis=(2, 3), keepdims=True)
        elif op == "Flatten":
            y = i[0].reshape(i[0].shape[0], -1)
        elif op == "MatMul":
            y = i[0] @ i[1]
        elif op == "Gemm":
            bb = i[1].T if a.get("transB", 0) else i[1]
            y = i[0] @ bb + (i[2] if len(i) > 2 else 0)
        elif op == "BatchNormalization":
            xx, scale, bias, mean, var = i
            shape = (1, -1) + (1,) * (xx.ndim - 2)
            y = (xx - mean.reshape(shape)) / np.sqrt(var.reshape(shape) + a.get("epsilon", 1e-5)) * scale.reshape(shape) + bias.reshape(shape)
        else:
            raise NotImplementedError(op)
        env[node.output[0]] = y
    return env[model.graph.output[0].name]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--onnx", default=os.path.join(REPO, "assets", "models", "fashion-mnist-arcface.onnx"))
    ap.add_argument("--reference", default=os.path.join(HERE, "reference-embeddings.json"))
    ap.add_argument("--results", default=os.path.join(HERE, "results.json"))
    ap.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    args = ap.parse_args()

    model = onnx.load(args.onnx)
    onnx.checker.check_model(model)
    print("inputs :", [(v.name, [d.dim_param or d.dim_value for d in v.type.tensor_type.shape.dim]) for v in model.graph.input])
    print("outputs:", [(v.name, [d.dim_param or d.dim_value for d in v.type.tensor_type.shape.dim]) for v in model.graph.output])
    print("opset  :", [(o.domain or "ai.onnx", o.version) for o in model.opset_import])
    print("meta   :", {p.key: p.value for p in model.metadata_props})

    ref = json.load(open(args.reference))
    test_x, test_y = load_split(args.data_dir, ref["split"])
    x = preprocess(test_x[ref["ids"]]).numpy()
    sums = x.astype(np.float64).sum(axis=(1, 2, 3))
    assert np.allclose(sums, ref["input_sums"], atol=1e-3), (sums, ref["input_sums"])
    y = run(model, x)
    r = np.array(ref["embeddings"], dtype=np.float64)
    cos = (y * r).sum(1) / np.linalg.norm(y, axis=1) / np.linalg.norm(r, axis=1)
    print(f"max |onnx - torch| = {np.abs(y - r).max():.3e} (max |torch| {np.abs(r).max():.2f}), min cosine {cos.min():.8f}")
    assert np.abs(y - r).max() < 1e-3 and cos.min() > 0.99999, "ONNX graph does not reproduce the torch embeddings"
    print("OK: the ONNX graph reproduces the reference embeddings")

    # The sample-gallery figure, recomputed from the ONNX graph (what the C# tests reproduce).
    res = json.load(open(args.results))
    ids = res["sample_gallery"]["ids"]
    xs = preprocess(test_x[ids]).numpy()
    e = np.concatenate([run(model, xs[i: i + 100]) for i in range(0, len(ids), 100)])
    e /= np.linalg.norm(e, axis=1, keepdims=True)
    sim = e @ e.T
    np.fill_diagonal(sim, -np.inf)
    labels = test_y[ids]
    r1 = 100.0 * float((labels[sim.argmax(1)] == labels).mean())
    print(f"sample gallery leave-one-out Recall@1 from the ONNX graph: {r1:.2f} "
          f"(results.json: {res['sample_gallery']['recall_at_1_leave_one_out']:.2f})")
    assert abs(r1 - res["sample_gallery"]["recall_at_1_leave_one_out"]) < 0.5


if __name__ == "__main__":
    main()
