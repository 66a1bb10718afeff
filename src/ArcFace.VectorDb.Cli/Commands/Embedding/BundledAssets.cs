namespace ArcFace.VectorDb.Cli.Commands.Embedding;

/// <summary>The default model and sample gallery shipped beside the command (from the repository's assets/ folder).</summary>
internal static class BundledAssets
{
    /// <summary>The bundled ArcFace model: a small CNN trained on Fashion-MNIST by tools/train-arcface (input [N,3,32,32], 128-d).</summary>
    public static string Model => Path.Combine(AppContext.BaseDirectory, "assets", "models", "fashion-mnist-arcface.onnx");

    /// <summary>The folder of the bundled model (the demo server's model folder).</summary>
    public static string ModelFolder => Path.GetDirectoryName(Model)!;

    /// <summary>The training results of the bundled model (tools/train-arcface/results.json).</summary>
    public static string ModelResults => Path.Combine(ModelFolder, "fashion-mnist-arcface.results.json");

    /// <summary>The leave-one-out Recall@1 recorded over the sample gallery when the bundled model was trained.</summary>
    public static double RecordedSampleRecallAt1()
    {
        using var results = System.Text.Json.JsonDocument.Parse(File.ReadAllText(ModelResults));
        return results.RootElement.GetProperty("sample_gallery").GetProperty("recall_at_1_leave_one_out").GetDouble();
    }

    /// <summary>The bundled sample gallery: 50 Fashion-MNIST test images per class as PNG files in class folders.</summary>
    public static string Gallery => Path.Combine(AppContext.BaseDirectory, "assets", "gallery", "fashion-mnist");
}
