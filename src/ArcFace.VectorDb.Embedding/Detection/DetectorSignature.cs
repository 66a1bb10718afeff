using ArcFace.VectorDb.Embedding.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ArcFace.VectorDb.Embedding.Detection;

/// <summary>
/// What a RetinaFace-format detector takes and gives, read from the model: one float input [N,3,H,W] (H and W may be dynamic;
/// N dynamic or 1) and three float outputs [N,P,4], [N,P,2], [N,P,10], named loc, conf, landms or told apart by their last dimension.
/// </summary>
internal sealed record DetectorSignature(string InputName, string LocName, string ConfName, string LandmsName, bool BatchOfOne, int? Width, int? Height)
{
    private const string Expected = "a RetinaFace-format detector has one float32 input [N,3,H,W] and outputs loc [N,P,4], conf [N,P,2], landms [N,P,10]";
    private static readonly (string Name, int Last)[] Outputs = [("loc", 4), ("conf", 2), ("landms", 10)];

    /// <summary>Reads and checks the signature; a model of another shape is refused with every input and output it declares.</summary>
    public static DetectorSignature Read(InferenceSession session, string modelName)
    {
        var inputs = session.InputMetadata;
        var outputs = session.OutputMetadata;
        if (inputs.Count != 1 || !IsFloatTensor(inputs.First().Value, 4) || inputs.First().Value.Dimensions[1] is not (3 or <= 0))
            throw Refused(session, modelName);
        var (inputName, input) = inputs.First();
        int batch = input.Dimensions[0];
        if (batch > 1)
            throw new ModelException($"{modelName}: input {inputName} {ModelSignature.Describe(input)} has its batch fixed at {batch}; a detector needs a batch of 1 or a dynamic one.");
        var names = new string[Outputs.Length];
        for (int i = 0; i < Outputs.Length; i++)
            names[i] = Find(outputs, Outputs[i]) ?? throw Refused(session, modelName);
        if (outputs.Count != Outputs.Length || names.Distinct().Count() != Outputs.Length)
            throw Refused(session, modelName);
        return new(inputName, names[0], names[1], names[2], batch == 1, Known(input.Dimensions[3]), Known(input.Dimensions[2]));
    }

    /// <summary>The output named <paramref name="wanted"/>.Name with the right shape; else the only float [N,P,last] output with that last dimension.</summary>
    private static string? Find(IReadOnlyDictionary<string, NodeMetadata> outputs, (string Name, int Last) wanted)
    {
        if (outputs.TryGetValue(wanted.Name, out var named) && Fits(named, wanted.Last))
            return wanted.Name;
        var fitting = outputs.Where(o => Fits(o.Value, wanted.Last)).Select(o => o.Key).ToArray();
        return fitting.Length == 1 ? fitting[0] : null;
    }

    private static bool Fits(NodeMetadata node, int last) => IsFloatTensor(node, 3) && node.Dimensions[2] == last;

    private static bool IsFloatTensor(NodeMetadata node, int rank) => node.IsTensor && node.ElementDataType == TensorElementType.Float && node.Dimensions.Length == rank;

    private static ModelException Refused(InferenceSession session, string modelName) =>
        new($"{modelName}: inputs {Declared(session.InputMetadata)}; outputs {Declared(session.OutputMetadata)}; {Expected}.");

    private static string Declared(IReadOnlyDictionary<string, NodeMetadata> nodes) =>
        nodes.Count == 0 ? "none" : string.Join(", ", nodes.Select(n => $"{n.Key} {ModelSignature.Describe(n.Value)}"));

    private static int? Known(int value) => value > 0 ? value : null;
}
