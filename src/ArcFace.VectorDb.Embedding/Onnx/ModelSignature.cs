using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ArcFace.VectorDb.Embedding.Onnx;

/// <summary>
/// What an image-embedding model takes and gives, read from the model: one float input [N,3,H,W] (N and H,W may be
/// dynamic) and a float output [N,D] or [N,D,1,1] with a fixed D.
/// </summary>
public sealed record ModelSignature(string InputName, string OutputName, int? FixedBatch, int? Height, int? Width, int Dimension, int OutputRank)
{
    /// <summary>Reads and checks the signature; a model of another shape is refused with what it declares.</summary>
    public static ModelSignature Read(InferenceSession session, string modelName)
    {
        if (session.InputMetadata.Count != 1)
            throw new ModelException($"{modelName} has {session.InputMetadata.Count} inputs ({string.Join(", ", session.InputMetadata.Keys)}); an image embedder takes exactly one image tensor.");
        var (inputName, input) = session.InputMetadata.First();
        var (outputName, output) = session.OutputMetadata.First();
        int[] shape = input.Dimensions;
        if (!input.IsTensor || input.ElementDataType != TensorElementType.Float)
            throw new ModelException($"{modelName}: input '{inputName}' is {Describe(input)}; an image embedder needs a float32 tensor [N,3,H,W].");
        if (shape.Length != 4)
            throw new ModelException($"{modelName}: input '{inputName}' is {Describe(input)}, which is {shape.Length}-D; an image embedder needs a 4-D tensor [N,3,H,W].");
        if (shape[1] != 3)
            throw new ModelException($"{modelName}: input '{inputName}' is {Describe(input)} with {Dim(shape[1])} channels; the presets make 3-channel (RGB or BGR) tensors [N,3,H,W].");
        if (!output.IsTensor || output.ElementDataType != TensorElementType.Float)
            throw new ModelException($"{modelName}: output '{outputName}' is {Describe(output)}; an embedding must be a float32 tensor.");
        int[] outShape = output.Dimensions;
        bool flat = outShape.Length == 2 || (outShape.Length == 4 && outShape[2] == 1 && outShape[3] == 1);
        if (!flat || outShape[1] < 1)
            throw new ModelException($"{modelName}: output '{outputName}' is {Describe(output)}; expected [N,D] or [N,D,1,1] with a fixed D.");
        if (shape[0] > 0 && outShape[0] > 0 && shape[0] != outShape[0])
            throw new ModelException($"{modelName}: input batch {shape[0]} and output batch {outShape[0]} differ.");
        return new(inputName, outputName, Known(shape[0]), Known(shape[2]), Known(shape[3]), outShape[1], outShape.Length);
    }

    /// <summary>Shape and type as "[N,3,112,112] float32" (dynamic axes by their symbolic name or '?').</summary>
    internal static string Describe(NodeMetadata node)
    {
        if (!node.IsTensor)
            return $"a {node.OnnxValueType}";
        var symbols = node.SymbolicDimensions;
        var dims = node.Dimensions.Select((d, i) => d > 0 ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.IsNullOrEmpty(symbols[i]) ? "?" : symbols[i]);
        return $"[{string.Join(",", dims)}] {node.ElementDataType.ToString().ToLowerInvariant()}";
    }

    private static string Dim(int value) => value > 0 ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "a dynamic number of";

    private static int? Known(int value) => value > 0 ? value : null;
}
