"""Writes the tiny ONNX models the embedding tests load (shapes a real exporter produces, weights known in closed form).

Run: /usr/bin/python3 tools/make-test-models/make_models.py  (needs python3-onnx)
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "ArcFace.VectorDb.Embedding.Tests", "Models")

# Channel-mixing weights of the pooled model: embedding[d] = sum_c W[d, c] * mean_c(image) + B[d].
POOLED_WEIGHTS = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, -1, 0], [0.5, 0.25, -2]], dtype=np.float32)
POOLED_BIAS = np.array([0.1, -0.2, 0.3, 0.0, 1.0], dtype=np.float32)


def save(graph, name):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="arcvdb-test-models")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(OUT, name))


def pooled(name, batch, size):
    """[batch,3,size,size] -> GlobalAveragePool -> 1x1 Conv -> [batch,5,1,1]."""
    pixels = helper.make_tensor_value_info("pixels", TensorProto.FLOAT, [batch, 3, size, size])
    out = helper.make_tensor_value_info("features", TensorProto.FLOAT, [batch, 5, 1, 1])
    weights = numpy_helper.from_array(POOLED_WEIGHTS.reshape(5, 3, 1, 1), "w")
    bias = numpy_helper.from_array(POOLED_BIAS, "b")
    nodes = [helper.make_node("GlobalAveragePool", ["pixels"], ["pooled"]), helper.make_node("Conv", ["pooled", "w", "b"], ["features"])]
    save(helper.make_graph(nodes, "pooled", [pixels], [out], [weights, bias]), name)


def flat_input():
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 12])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 4])
    w = numpy_helper.from_array(np.ones((12, 4), dtype=np.float32), "w")
    save(helper.make_graph([helper.make_node("MatMul", ["x", "w"], ["y"])], "flat", [x], [y], [w]), "flat-input.onnx")


def one_channel():
    x = helper.make_tensor_value_info("grey", TensorProto.FLOAT, ["batch", 1, 8, 8])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 1])
    nodes = [helper.make_node("GlobalAveragePool", ["grey"], ["p"]), helper.make_node("Flatten", ["p"], ["y"])]
    save(helper.make_graph(nodes, "grey", [x], [y]), "one-channel.onnx")


def two_inputs():
    a = helper.make_tensor_value_info("a", TensorProto.FLOAT, ["batch", 3, 8, 8])
    b = helper.make_tensor_value_info("b", TensorProto.FLOAT, ["batch", 3, 8, 8])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 3, 8, 8])
    save(helper.make_graph([helper.make_node("Add", ["a", "b"], ["y"])], "two", [a, b], [y]), "two-inputs.onnx")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    pooled("pooled-dynamic-batch.onnx", "batch", 8)
    pooled("pooled-batch-1.onnx", 1, 8)
    flat_input()
    one_channel()
    two_inputs()
    print("wrote", sorted(os.listdir(OUT)))
