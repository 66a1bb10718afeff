using System.Text.Json;
using ArcFace.VectorDb.Cli.Commands.Embedding;
using ArcFace.VectorDb.Cli.Data;
using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Embedding.Onnx;
using ArcFace.VectorDb.Embedding.Preprocessing;
using ArcFace.VectorDb.Testing;
using Xunit.Abstractions;

namespace ArcFace.VectorDb.Cli.Tests.Commands;

/// <summary>The bundled model through ONNX Runtime and our preprocessing reproduces what PyTorch computed when it was trained.</summary>
public class BundledModelTests(ITestOutputHelper output)
{
    [Fact]
    public void Our_tensors_and_onnx_runtime_embeddings_match_the_training_scripts_reference_for_the_first_sample_images()
    {
        var reference = JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(RepositoryFiles.Path("tools", "train-arcface", "reference-embeddings.json")));
        using var embedder = OnnxEmbedder.Open(new EmbedderOptions { ModelPath = BundledAssets.Model }, new PreprocessChoice());
        var ids = reference.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var labels = reference.GetProperty("labels").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var sums = reference.GetProperty("input_sums").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var expected = reference.GetProperty("embeddings").EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var tensor = new float[embedder.Spec.TensorLength];
        var vector = new float[embedder.Dimension];

        Assert.Equal((32, 32, 128), (embedder.Spec.Width, embedder.Spec.Height, embedder.Dimension));
        Assert.StartsWith("insightface", embedder.PreprocessDescription);
        for (int i = 0; i < ids.Length; i++)
        {
            string path = Path.Combine(BundledAssets.Gallery, FashionMnistGallery.ClassNames[labels[i]], $"t10k-{ids[i]:D5}.png");
            Assert.Null(ImagePreparation.Prepare(new GalleryItem(path, "", "", 0), embedder.Spec, new DecodeLimits(), tensor));
            embedder.Embed(tensor, 1, vector);
            double norm = Math.Sqrt(expected[i].Sum(v => v * v));
            double cosine = expected[i].Select((v, d) => v / norm * vector[d]).Sum();
            double sum = tensor.Sum(v => (double)v);
            output.WriteLine($"t10k #{ids[i]}: cosine to the PyTorch embedding {cosine:F6}, tensor sum {sum:F2} vs {sums[i]:F2}");
            Assert.True(Math.Abs(sum - sums[i]) < 0.01 * tensor.Length, $"t10k #{ids[i]}: tensor sum {sum} vs {sums[i]}");
            Assert.True(cosine > 0.999, $"t10k #{ids[i]}: cosine {cosine}");
        }
    }
}
