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
