#!/usr/bin/env python3
"""Train the bundled default embedding model: a small residual CNN with a
sub-center ArcFace head on Fashion-MNIST, exported to ONNX.

Preprocessing contract (must equal the C# "insightface" preset at ingest):
  28x28 grey -> replicated to 3 channels (RGB) -> bilinear resize to 32x32
  (align_corners=False, on 0..255 values) -> (x - 127.5) / 127.5.
  Model input: [N,3,32,32] float32 NCHW, named "input".
  Model output: [N,128] float32 (not L2-normalised), named "embedding".

Augmentation (training only): random shifts of up to +/-2 px (zero padding,
which is the Fashion-MNIST background) and horizontal flips, both applied on
the 28x28 image BEFORE the resize, so every training image goes through
exactly the product's resize and normalisation.

Defaults of every argument are the run that produced the committed model.
Run:  /usr/bin/python3 tools/train-arcface/train.py
"""
import argparse
import gzip
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
           "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


# ----------------------------------------------------------------------------- data
def read_idx(path):
    """Read a gzipped idx file (images idx3 or labels idx1) into a uint8 array."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = int.from_bytes(data[0:4], "big")
    ndim = magic & 0xFF
    assert (magic >> 8) == 0x08, f"{path}: not unsigned-byte idx data (magic {magic:#x})"
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    arr = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).copy()
    assert arr.size == int(np.prod(dims)), f"{path}: size mismatch"
    return arr.reshape(dims)


def load_split(data_dir, split):
    images = read_idx(os.path.join(data_dir, f"{split}-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(data_dir, f"{split}-labels-idx1-ubyte.gz"))
    assert images.shape[0] == labels.shape[0]
    return images, labels.astype(np.int64)


def preprocess(images_u8_28):
    """uint8 [N,28,28] (or float 0..255 [N,1,28,28]) -> float32 [N,3,32,32], the insightface preset."""
    x = images_u8_28
    if not torch.is_tensor(x):
        x = torch.from_numpy(np.ascontiguousarray(x))
    x = x.to(torch.float32)
    if x.dim() == 3:
        x = x.unsqueeze(1)
    x = x.expand(-1, 3, -1, -1)                       # grey -> RGB (R=G=B)
    x = F.interpolate(x, size=(32, 32), mode="bilinear", align_corners=False)
    return ((x - 127.5) / 127.5).contiguous()


def augment(batch_u8, gen, max_shift):
    """Random +/-max_shift px shift (zero fill) and horizontal flip on uint8 [B,28,28]."""
    b, h, w = batch_u8.shape
    p = max_shift
    padded = F.pad(batch_u8.to(torch.float32), (p, p, p, p))  # [B, 28+2p, 28+2p], zeros outside
    dx = torch.randint(0, 2 * p + 1, (b,), generator=gen)
    dy = torch.randint(0, 2 * p + 1, (b,), generator=gen)
    flip = torch.rand(b, generator=gen) < 0.5
    out = torch.empty(b, h, w)
    for i in range(b):
        crop = padded[i, dy[i]: dy[i] + h, dx[i]: dx[i] + w]
        out[i] = crop.flip(-1) if flip[i] else crop
    return out


# ----------------------------------------------------------------------------- model
class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.short = None
        if stride != 1 or cin != cout:
            self.short = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return F.relu(y + (x if self.short is None else self.short(x)))


class EmbeddingNet(nn.Module):
    """stem 3->w0 @32x32, blocks w0->w1 /2 @16x16, w1->w1 @16x16, w1->w2 /2 @8x8,
    global average pooling, dropout, linear -> BatchNorm1d embedding."""

    def __init__(self, widths=(32, 64, 160), dim=128, dropout=0.0):
        super().__init__()
        w0, w1, w2 = widths
        self.stem = nn.Sequential(nn.Conv2d(3, w0, 3, 1, 1, bias=False), nn.BatchNorm2d(w0), nn.ReLU(inplace=True))
        self.blocks = nn.Sequential(BasicBlock(w0, w1, 2), BasicBlock(w1, w1, 1), BasicBlock(w1, w2, 2))
        self.drop = nn.Dropout(dropout)
        self.fc = nn.Linear(w2, dim, bias=False)
        self.bn = nn.BatchNorm1d(dim)

    def forward(self, x):
        x = self.blocks(self.stem(x))
        x = torch.flatten(F.adaptive_avg_pool2d(x, 1), 1)
        return self.bn(self.fc(self.drop(x)))


class SubCenterArcFace(nn.Module):
    """Sub-center ArcFace (Deng et al. 2020): K sub-centres per class, class cosine = max over its
    sub-centres; additive angular margin cos(theta + m) on the target class, with insightface's
    fallback cos(theta) - m*sin(m) when theta + m > pi (easy_margin=False); logits scaled by s."""

    def __init__(self, dim, classes, k=3, s=30.0, m=0.5):
        super().__init__()
        self.classes, self.k, self.s, self.m = classes, k, s, m
        self.weight = nn.Parameter(torch.empty(classes * k, dim))
        nn.init.normal_(self.weight, std=0.01)
        self.cos_m, self.sin_m = math.cos(m), math.sin(m)
        self.th = math.cos(math.pi - m)
        self.mm = math.sin(math.pi - m) * m

    def cosines(self, emb):
        cos = F.linear(F.normalize(emb), F.normalize(self.weight))       # [N, C*K]
        return cos.view(-1, self.classes, self.k).max(dim=2).values     # [N, C]

    def forward(self, emb, labels):
        cos = self.cosines(emb).clamp(-1 + 1e-7, 1 - 1e-7)
        sin = torch.sqrt(1.0 - cos * cos)
        phi = cos * self.cos_m - sin * self.sin_m                       # cos(theta + m)
        phi = torch.where(cos > self.th, phi, cos - self.mm)            # theta + m > pi fallback
        onehot = F.one_hot(labels, self.classes).to(cos.dtype)
        logits = self.s * (onehot * phi + (1.0 - onehot) * cos)
        return F.cross_entropy(logits, labels), cos


# ----------------------------------------------------------------------------- eval
@torch.no_grad()
def embed(model, images_u8, batch=1000):
    model.eval()
    out = [model(preprocess(images_u8[i: i + batch])) for i in range(0, len(images_u8), batch)]
    return torch.cat(out)


def recall_at_1(q, ql, g, gl, leave_one_out=False, chunk=1000):
    """Cosine nearest neighbour; q, g are L2-normalised. With leave_one_out q is g (self excluded)."""
    hits = 0
    gl_t = torch.from_numpy(gl)
    for i in range(0, len(q), chunk):
        sim = q[i: i + chunk] @ g.T
        if leave_one_out:
            idx = torch.arange(i, min(i + chunk, len(q)))
            sim[torch.arange(len(idx)), idx] = -float("inf")
        nn_idx = sim.argmax(dim=1)
        hits += int((gl_t[nn_idx] == torch.from_numpy(ql[i: i + chunk])).sum())
    return 100.0 * hits / len(q)


def sample_gallery_ids(labels, per_class):
    """The FIRST `per_class` images of each class in file order, ids sorted ascending."""
    ids = []
    for c in range(10):
        ids.extend(np.nonzero(labels == c)[0][:per_class].tolist())
    return sorted(ids)


# ----------------------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--epochs", type=int, default=15)
    ap.add_argument("--batch-size", type=int, default=256)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--weight-decay", type=float, default=5e-2)
    ap.add_argument("--warmup-steps", type=int, default=200, help="linear warm-up before the cosine decay")
    ap.add_argument("--widths", type=int, nargs=3, default=[32, 64, 160])
    ap.add_argument("--dim", type=int, default=128)
    ap.add_argument("--dropout", type=float, default=0.0)
    ap.add_argument("--subcenters", type=int, default=3)
    ap.add_argument("--scale", type=float, default=30.0)
    ap.add_argument("--margin", type=float, default=0.5)
    ap.add_argument("--max-shift", type=int, default=2)
    ap.add_argument("--seed", type=int, default=20240611)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--limit-train", type=int, default=0, help="use only the first N train images (smoke runs)")
    ap.add_argument("--time-epoch-only", action="store_true", help="time one epoch's steps, then stop")
    ap.add_argument("--onnx-out", default=os.path.join(REPO, "assets", "models", "fashion-mnist-arcface.onnx"))
    ap.add_argument("--out-dir", default=HERE, help="where results.json and reference-embeddings.json go")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    gen = torch.Generator().manual_seed(args.seed)
    t_start = time.time()

    train_x, train_y = load_split(args.data_dir, "train")
    test_x, test_y = load_split(args.data_dir, "t10k")
    if args.limit_train:
        train_x, train_y = train_x[: args.limit_train], train_y[: args.limit_train]
    print(f"train {train_x.shape} test {test_x.shape}", flush=True)

    model = EmbeddingNet(tuple(args.widths), args.dim, args.dropout)
    model = model.to(memory_format=torch.channels_last)   # ~15% faster mkldnn convolutions on CPU
    head = SubCenterArcFace(args.dim, 10, args.subcenters, args.scale, args.margin)
    n_params = sum(p.numel() for p in model.parameters())
    print(f"embedding network parameters: {n_params:,} (head {sum(p.numel() for p in head.parameters()):,}, not exported)", flush=True)

    decay, no_decay = [], []
    for mod in (model, head):
        for name, p in mod.named_parameters():
            (no_decay if p.dim() == 1 else decay).append(p)        # no decay on BN and biases
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": args.weight_decay},
                             {"params": no_decay, "weight_decay": 0.0}], lr=args.lr)
    steps_per_epoch = math.ceil(len(train_x) / args.batch_size)
    total_steps = steps_per_epoch * args.epochs

    def lr_at(step):
        if step < args.warmup_steps:
            return args.lr * (step + 1) / args.warmup_steps
        t = (step - args.warmup_steps) / max(1, total_steps - args.warmup_steps)
        return args.lr * 0.5 * (1.0 + math.cos(math.pi * t))

    train_x_t = torch.from_numpy(train_x)
    train_y_t = torch.from_numpy(train_y)
    step, train_loss = 0, float("nan")
    t_train = time.time()
    for epoch in range(args.epochs):
        model.train(); head.train()
        perm = torch.randperm(len(train_x_t), generator=gen)
        tot_loss, tot_correct, seen, t_ep = 0.0, 0, 0, time.time()
        for b in range(steps_per_epoch):
            idx = perm[b * args.batch_size: (b + 1) * args.batch_size]
            if len(idx) < 2:
                continue
            x = preprocess(augment(train_x_t[idx], gen, args.max_shift)).contiguous(memory_format=torch.channels_last)
            y = train_y_t[idx]
            for g in opt.param_groups:
                g["lr"] = lr_at(step)
            loss, cos = head(model(x), y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            step += 1
            tot_loss += loss.item() * len(idx)
            tot_correct += int((cos.argmax(1) == y).sum())
            seen += len(idx)
        train_loss = tot_loss / seen
        print(f"epoch {epoch + 1}/{args.epochs} loss {train_loss:.4f} train-acc {100.0 * tot_correct / seen:.2f} "
              f"lr {lr_at(step - 1):.2e} {time.time() - t_ep:.0f}s (total {time.time() - t_start:.0f}s)", flush=True)
        if args.time_epoch_only:
            return
    train_seconds = time.time() - t_train

    # ------------------------------------------------------------------ evaluation
    model = model.to(memory_format=torch.contiguous_format).eval()   # plain NCHW for eval and export
    g = F.normalize(embed(model, train_x))
    q = F.normalize(embed(model, test_x))
    r1_test = recall_at_1(q, test_y, g, train_y)
    print(f"Recall@1 test (10k) vs train ({len(train_x)}): {r1_test:.2f}", flush=True)

    # Class-centre cosines: mean normalised train embedding per class, then cosine between centres.
    centres = F.normalize(torch.stack([g[torch.from_numpy(train_y == c)].mean(0) for c in range(10)]))
    cc = (centres @ centres.T).numpy()
    print("class-centre cosines (train):")
    print("            " + " ".join(f"{n[:6]:>6}" for n in CLASSES))
    for i in range(10):
        print(f"{CLASSES[i][:11]:>11} " + " ".join(f"{cc[i, j]:6.3f}" for j in range(10)))
    off = cc - np.eye(10) * 10
    cc_max = float(off.max())
    i_max, j_max = np.unravel_index(off.argmax(), off.shape)
    print(f"max off-diagonal centre cosine {cc_max:.3f} ({CLASSES[i_max]} / {CLASSES[j_max]})")
    for i in range(10):
        for j in range(i + 1, 10):
            if cc[i, j] > 0.8:
                print(f"WARNING: class centres {CLASSES[i]} and {CLASSES[j]} have cosine {cc[i, j]:.3f} > 0.8", flush=True)

    ids = sample_gallery_ids(test_y, 50)
    sg = q[ids]
    r1_sample = recall_at_1(sg, test_y[ids], sg, test_y[ids], leave_one_out=True)
    print(f"sample gallery (first 50 per class of t10k, 500 images) leave-one-out Recall@1: {r1_sample:.2f}", flush=True)

    # ------------------------------------------------------------------ ONNX export
    import onnx
    os.makedirs(os.path.dirname(args.onnx_out), exist_ok=True)
    model.eval()
    dummy = preprocess(test_x[:2])
    torch.onnx.export(model, dummy, args.onnx_out, opset_version=13, input_names=["input"],
                      output_names=["embedding"], dynamic_axes={"input": {0: "N"}, "embedding": {0: "N"}},
                      do_constant_folding=True)
    m = onnx.load(args.onnx_out)
    meta = {
        "arcvdb.preset": "insightface",
        "arcvdb.description": (
            f"Fashion-MNIST sub-center ArcFace (K={args.subcenters}, s={args.scale:g}, m={args.margin:g}) residual CNN, "
            f"{args.dim}-d embedding, cosine similarity on L2-normalised output. Input [N,3,32,32] RGB: 28x28 grey "
            f"replicated to 3 channels, bilinear resize to 32x32, (x-127.5)/127.5. Recall@1 test-vs-train "
            f"{r1_test:.2f}. Trained by tools/train-arcface/train.py. Data: Fashion-MNIST (MIT, Zalando Research)."),
    }
    for k, v in meta.items():
        p = m.metadata_props.add()
        p.key, p.value = k, v
    onnx.checker.check_model(m)
    onnx.save(m, args.onnx_out)
    onnx.checker.check_model(onnx.load(args.onnx_out))
    size = os.path.getsize(args.onnx_out)
    print(f"wrote {args.onnx_out} ({size / 1e6:.2f} MB), ops: {sorted({n.op_type for n in m.graph.node})}", flush=True)

    # Reference embeddings for the C# ONNX Runtime check: first 8 sample-gallery images.
    ref_ids = ids[:8]
    with torch.no_grad():
        ref_in = preprocess(test_x[ref_ids])
        ref_emb = model(ref_in).to(torch.float32)
    ref = {
        "model": os.path.relpath(args.onnx_out, REPO),
        "split": "t10k",
        "ids": [int(i) for i in ref_ids],
        "labels": [int(test_y[i]) for i in ref_ids],
        "preprocessing": "grey->RGB, bilinear 28->32 align_corners=False on 0..255, (x-127.5)/127.5, NCHW",
        "input_sums": [float(v) for v in ref_in.double().sum(dim=(1, 2, 3))],
        "embeddings": [[float(v) for v in row] for row in ref_emb],
        "note": "un-normalised torch eval-mode outputs of the exported model, float32",
    }
    os.makedirs(args.out_dir, exist_ok=True)
    with open(os.path.join(args.out_dir, "reference-embeddings.json"), "w") as f:
        json.dump(ref, f, indent=1)

    results = {
        "parameters": n_params,
        "head_parameters_not_exported": sum(p.numel() for p in head.parameters()),
        "epochs": args.epochs,
        "batch_size": args.batch_size,
        "train_images": int(len(train_x)),
        "seconds_training": round(train_seconds, 1),
        "seconds_total": round(time.time() - t_start, 1),
        "final_train_loss": round(train_loss, 4),
        "recall_at_1_test_vs_train": round(r1_test, 2),
        "sample_gallery": {
            "count": len(ids), "per_class": 50, "split": "t10k", "rule": "first 50 per class in file order",
            "recall_at_1_leave_one_out": round(r1_sample, 2), "ids": [int(i) for i in ids],
        },
        "class_centre_cosine_max_offdiag": round(cc_max, 4),
        "class_centre_cosine_max_pair": [CLASSES[i_max], CLASSES[j_max]],
        "class_centre_cosines": [[round(float(v), 4) for v in row] for row in cc],
        "onnx": {"path": os.path.relpath(args.onnx_out, REPO), "bytes": size, "opset": 13,
                 "input": "input [N,3,32,32] float32", "output": "embedding [N,128] float32"},
        "torch_version": torch.__version__,
        "onnx_version": onnx.__version__,
        "threads": args.threads,
        "command_line": " ".join(["/usr/bin/python3"] + [os.path.relpath(sys.argv[0], REPO)] + sys.argv[1:]),
    }
    with open(os.path.join(args.out_dir, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
    print(json.dumps({k: v for k, v in results.items() if k not in ("sample_gallery", "class_centre_cosines")}, indent=1))
    print(f"done in {time.time() - t_start:.0f}s", flush=True)


if __name__ == "__main__":
    main()
