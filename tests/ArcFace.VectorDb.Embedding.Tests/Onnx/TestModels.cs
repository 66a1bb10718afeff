namespace ArcFace.VectorDb.Embedding.Tests.Onnx;

/// <summary>The tiny ONNX models of tools/make-test-models, copied beside the tests.</summary>
internal static class TestModels
{
    /// <summary>Channel-mixing weights of the pooled models: embedding[d] = Σc W[d,c]·mean_c(tensor) + B[d].</summary>
    public static readonly float[,] PooledWeights = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 }, { 1, -1, 0 }, { 0.5f, 0.25f, -2 } };

    /// <summary>Bias of the pooled models.</summary>
    public static readonly float[] PooledBias = [0.1f, -0.2f, 0.3f, 0f, 1f];

    /// <summary>Path of a model by file name.</summary>
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Models", name);

    /// <summary>The pooled model's normalised embedding of one CHW tensor, in float64.</summary>
    public static float[] PooledEmbedding(ReadOnlySpan<float> tensor)
    {
        int plane = tensor.Length / 3;
        var means = new double[3];
        for (int c = 0; c < 3; c++)
        {
            for (int i = 0; i < plane; i++)
                means[c] += tensor[c * plane + i];
            means[c] /= plane;
        }
        var embedding = new double[5];
        for (int d = 0; d < 5; d++)
            embedding[d] = PooledBias[d] + PooledWeights[d, 0] * means[0] + PooledWeights[d, 1] * means[1] + PooledWeights[d, 2] * means[2];
        double norm = Math.Sqrt(embedding.Sum(x => x * x));
        return [.. embedding.Select(x => (float)(x / norm))];
    }
}
