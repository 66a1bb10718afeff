namespace ArcFace.VectorDb.Cli.Commands.Embedding;

/// <summary>The default model and sample gallery shipped beside the command (from the repository's assets/ folder).</summary>
internal static class BundledAssets
{
    /// <summary>The bundled ArcFace model: a small CNN trained on Fashion-MNIST by tools/train-arcface (input [N,3,32,32], 128-d).</summary>
    public static string Model => Path.Combine(AppContext.BaseDirectory, "assets", "models", "fashion-mnist-arcface.onnx");

    /// <summary>The bundled sample gallery: 50 Fashion-MNIST test images per class as PNG files in class folders.</summary>
    public static string Gallery => Path.Combine(AppContext.BaseDirectory, "assets", "gallery", "fashion-mnist");
}
