#!/usr/bin/python3
"""Stand-in for `arcvdb` to test the run script's plumbing: checks the `bench ann` arguments, writes a fixture JSON."""
import argparse
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

if sys.argv[1:3] != ["bench", "ann"]:
    sys.exit(f"fake arcvdb: expected 'bench ann', got {sys.argv[1:3]}")
p = argparse.ArgumentParser(prog="fake-arcvdb bench ann")
for flag in ("--base", "--query", "--gt", "--m", "--ef-construction", "--ef", "--k", "--threads", "--json"):
    p.add_argument(flag, required=True)
for flag in ("--name", "--seed", "--quantization", "--oversampling"):
    p.add_argument(flag)
a = p.parse_args(sys.argv[3:])
for path in (a.base, a.query, a.gt):
    if not os.path.isfile(path):
        sys.exit(f"fake arcvdb: no such file {path}")
fixture = os.path.join(HERE, "ours-2t.json" if a.threads == "2" else "ours-1t.json")
if a.quantization in (None, "none"):
    shutil.copyfile(fixture, a.json)
else:
    # A quantised run: the float fixture with the quantisation keys `arcvdb bench ann` adds. Plumbing only.
    with open(fixture) as f:
        doc = json.load(f)
    doc.update(quantization=a.quantization, oversampling=float(a.oversampling) if a.oversampling else None,
               rerank_bytes=doc["n"] * doc["dim"] * 4)
    with open(a.json, "w") as f:
        json.dump(doc, f, indent=1)
print(f"fake arcvdb: threads={a.threads} ef={a.ef} m={a.m} efc={a.ef_construction} k={a.k} "
      f"quantization={a.quantization} oversampling={a.oversampling} -> {a.json}")
