#!/usr/bin/python3
"""Unit tests for compare.py: run with `/usr/bin/python3 -m unittest discover -s tools/bench-vs-hnswlib`."""
import json
import math
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import compare  # noqa: E402


def runs(*points):
    return [{"ef": 10 * (i + 1), "recall": r, "qps": q} for i, (r, q) in enumerate(points)]


class QpsAtRecall(unittest.TestCase):
    def test_interpolates_log_qps_between_bracketing_points(self):
        got = compare.qps_at_recall(runs((0.90, 10000), (0.98, 1000)), 0.94)
        self.assertAlmostEqual(got, math.sqrt(10000 * 1000), places=6)

    def test_exact_point_returns_its_qps(self):
        self.assertEqual(compare.qps_at_recall(runs((0.90, 9000), (0.95, 5000), (0.99, 100)), 0.95), 5000)

    def test_unreached_target_is_none(self):
        self.assertIsNone(compare.qps_at_recall(runs((0.80, 9000), (0.90, 5000)), 0.95))

    def test_curve_starting_above_target_returns_lowest_recall_point(self):
        self.assertEqual(compare.qps_at_recall(runs((0.97, 8000), (0.99, 4000)), 0.95), 8000)

    def test_unsorted_input_is_sorted_by_recall(self):
        got = compare.qps_at_recall(runs((0.98, 1000), (0.90, 10000)), 0.94)
        self.assertAlmostEqual(got, math.sqrt(10000 * 1000), places=6)


class Checks(unittest.TestCase):
    def doc(self, build, points, threads=1, index_bytes=0):
        return {"dataset": "d", "n": 100, "dim": 8, "m": 4, "ef_construction": 10, "threads": threads,
                "build_seconds": build, "index_bytes": index_bytes, "runs": runs(*points)}

    def test_ours_unreached_is_miss_and_peer_unreached_is_pass(self):
        ours, peer = self.doc(1, [(0.90, 1)]), self.doc(1, [(0.99, 1)])
        self.assertEqual(compare.qps_check(ours, peer, 0.95)["verdict"], "MISS")
        self.assertEqual(compare.qps_check(peer, ours, 0.95)["verdict"], "PASS")

    def test_memory_ratio_uses_vectors_plus_level0_links(self):
        ours = self.doc(1, [(0.9, 1)], index_bytes=100 * 8 * 4 + 100 * 8 * 4)
        self.assertAlmostEqual(compare.own_checks(ours, None)["memory_ratio"]["ratio"], 1.0)
        self.assertEqual(compare.own_checks(ours, None)["speedup_2t"]["verdict"], "MISS")


class QuantTargets(unittest.TestCase):
    """Issue 14's targets for quantised series against ours-1t float, on hand-made dicts."""

    def doc(self, build, index_bytes, points, quantization="none"):
        return {"dataset": "d", "n": 100, "dim": 8, "m": 4, "ef_construction": 10, "threads": 1,
                "build_seconds": build, "index_bytes": index_bytes, "runs": runs(*points),
                "quantization": quantization, "oversampling": None, "rerank_bytes": 0}

    def setUp(self):
        # Float: recall 0.95 at 10,000 QPS, 0.99 at 4,000, max 0.999.
        self.float = self.doc(10.0, 1000, [(0.95, 10000), (0.99, 4000), (0.999, 1000)])

    def test_int8_all_pass(self):
        q = self.doc(10.5, 400, [(0.95, 15000), (0.99, 6000), (0.997, 2000)], "int8")
        checks = compare.quant_checks(q, "int8", self.float)
        self.assertEqual({name: c["verdict"] for name, c in checks.items()},
                         {"qps_ratio_at_0.95": "PASS", "qps_ratio_at_0.99": "PASS", "max_recall": "PASS",
                          "index_ratio": "PASS", "build_ratio": "PASS"})
        self.assertAlmostEqual(checks["qps_ratio_at_0.95"]["ratio"], 1.5)
        self.assertAlmostEqual(checks["index_ratio"]["ratio"], 0.40)

    def test_int8_misses_just_outside_each_bound(self):
        q = self.doc(11.1, 401, [(0.95, 14999), (0.99, 5999), (0.9969, 2000)], "int8")
        checks = compare.quant_checks(q, "int8", self.float)
        self.assertTrue(all(c["verdict"] == "MISS" for c in checks.values()), checks)

    def test_unreached_recall_is_miss_with_null_ratio_and_max_recall_note(self):
        q = self.doc(9.0, 100, [(0.90, 50000), (0.985, 9000)], "int8")
        c = compare.quant_checks(q, "int8", self.float)["qps_ratio_at_0.99"]
        self.assertIsNone(c["ratio"])
        self.assertEqual(c["verdict"], "MISS")
        self.assertEqual(c["note"], "not reached (max recall 0.98500)")
        self.assertEqual(compare.quant_checks(q, "int8", self.float)["qps_ratio_at_0.95"]["verdict"], "PASS")

    def test_binary_targets(self):
        ok = self.doc(11.0, 150, [(0.95, 20000), (0.97, 9000)], "binary")
        checks = compare.quant_checks(ok, "binary", self.float)
        self.assertEqual(sorted(checks), ["build_ratio", "index_ratio", "qps_ratio_at_0.95"])
        self.assertTrue(all(c["verdict"] == "PASS" for c in checks.values()), checks)
        bad = self.doc(12.0, 151, [(0.95, 19999)], "binary")
        self.assertTrue(all(c["verdict"] == "MISS" for c in compare.quant_checks(bad, "binary", self.float).values()))

    def test_unknown_kind_has_no_targets_and_info_ratios_are_null_when_unreached(self):
        q = self.doc(1.0, 1, [(0.96, 8000)], "pq")
        self.assertEqual(compare.quant_checks(q, "pq", self.float), {})
        info = compare.quant_info(q, {"faiss-sq8": self.doc(1.0, 1, [(0.95, 4000), (0.99, 2000)], "int8")})
        self.assertAlmostEqual(info["faiss-sq8"]["0.95"], 2.0)
        self.assertIsNone(info["faiss-sq8"]["0.99"])

    def test_cli_writes_quantisation_section_and_strict_sees_its_misses(self):
        q = self.doc(10.0, 300, [(0.95, 16000), (0.99, 6500), (0.999, 2000)], "int8")
        b = self.doc(10.0, 100, [(0.90, 50000)], "binary")
        faiss = dict(self.doc(8.0, 500, [(0.95, 12000), (0.99, 5000)], "int8"), peer="faiss")
        with tempfile.TemporaryDirectory() as out:
            paths = {}
            two = dict(self.float, threads=2, build_seconds=5.0)
            for name, d in (("f", self.float), ("f2", two), ("q", q), ("b", b), ("faiss", faiss)):
                paths[name] = os.path.join(out, name + ".json")
                with open(paths[name], "w") as f:
                    json.dump(d, f)
            cmd = [sys.executable, os.path.join(HERE, "compare.py"), "--ours", paths["f"], "--ours-2t", paths["f2"],
                   "--ours-quantized", "int8=" + paths["q"], "--quantized-peer", "faiss-sq8=" + paths["faiss"],
                   "--out", out, "--strict"]
            # Every other target passes, so --strict exits 0 here and 1 once the binary series misses.
            done = subprocess.run(cmd, capture_output=True, text=True, check=True)
            self.assertIn("## Quantisation (issue 14)", done.stdout)
            self.assertIn("| ours-1t-int8 | QPS at recall 0.95 ≥ 1.5× float's | **PASS** 1.60× (16,000 / 10,000) |",
                          done.stdout)
            self.assertIn("| ours-1t-int8 | 1.33× | 1.30× |", done.stdout)
            with open(os.path.join(out, "comparison.json")) as f:
                result = json.load(f)
            self.assertEqual(result["quantization"]["series"]["ours-1t-int8"]["checks"]["index_ratio"]["verdict"], "PASS")
            self.assertIn("faiss-sq8", result["per_ef"][0])
            self.assertNotIn("faiss-sq8", result["vs_peer"])
            self.assertTrue(result["all_pass"])
            done = subprocess.run(cmd + ["--ours-quantized", "binary=" + paths["b"]],
                                  capture_output=True, text=True)
            self.assertEqual(done.returncode, 1)
            self.assertIn("**MISS** not reached (max recall 0.90000)", done.stdout)


class Fixtures(unittest.TestCase):
    def test_fixture_comparison_writes_markdown_and_json(self):
        data = os.path.join(HERE, "testdata")
        with tempfile.TemporaryDirectory() as out:
            subprocess.run([sys.executable, os.path.join(HERE, "compare.py"),
                            "--ours", os.path.join(data, "ours-1t.json"), "--ours-2t", os.path.join(data, "ours-2t.json"),
                            "--peer", "hnswlib-py=" + os.path.join(data, "hnswlib-py.json"),
                            "--peer", "hnswlib-native=" + os.path.join(data, "hnswlib-native.json"),
                            "--out", out], check=True, capture_output=True)
            with open(os.path.join(out, "comparison.json")) as f:
                result = json.load(f)
            self.assertTrue(os.path.exists(os.path.join(out, "comparison.md")))
        self.assertEqual(result["vs_peer"]["hnswlib-py"]["qps_ratio_at_0.95"]["verdict"], "PASS")
        self.assertEqual(result["vs_peer"]["hnswlib-native"]["qps_ratio_at_0.95"]["verdict"], "MISS")
        self.assertAlmostEqual(result["ours_only"]["speedup_2t"]["ratio"], 6.80 / 3.90)
        self.assertEqual(result["warnings"], [])
        self.assertFalse(result["all_pass"])


if __name__ == "__main__":
    unittest.main()
