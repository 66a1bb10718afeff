using ArcFace.VectorDb.Embedding.Onnx;
using ArcFace.VectorDb.Embedding.Preprocessing;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Embedding.Tests.Onnx;

/// <summary>OnnxEmbedder on small models whose output is known in closed form: batching, shapes, refusals, devices.</summary>
public class OnnxEmbedderTests
{
    private static readonly PreprocessChoice Insightface = new() { Preset = "insightface" };

    [Theory]
    [InlineData("pooled-dynamic-batch.onnx", 32, 32)]
    [InlineData("pooled-dynamic-batch.onnx", 7, 7)]
    [InlineData("pooled-batch-1.onnx", 32, 1)]
    public void Embeddings_of_any_count_equal_the_closed_form_whatever_the_batch_axis(string model, int requestedBatch, int expectedBatch)
    {
        using var embedder = OnnxEmbedder.Open(new EmbedderOptions { ModelPath = TestModels.Path(model), BatchSize = requestedBatch }, Insightface);
        var random = new Random(3);
        int count = 70, length = embedder.Spec.TensorLength;
        var tensors = new float[count * length];
        for (int i = 0; i < tensors.Length; i++)
            tensors[i] = (float)(random.NextDouble() * 2 - 1) + (i / length) % 5 * 0.1f;
        var embeddings = new float[count * embedder.Dimension];

        embedder.Embed(tensors, count, embeddings);

        Assert.Equal(expectedBatch, embedder.BatchSize);
        Assert.Equal((8, 8, 5), (embedder.Spec.Width, embedder.Spec.Height, embedder.Dimension));
        for (int i = 0; i < count; i++)
        {
            var expected = TestModels.PooledEmbedding(tensors.AsSpan(i * length, length));
            for (int d = 0; d < 5; d++)
                Assert.Equal(expected[d], embeddings[i * 5 + d], 1e-5);
        }
    }

    [Fact]
    public void Flip_mirrors_every_row_of_every_plane_and_keeps_a_mirror_invariant_embedding()
    {
        using var embedder = OnnxEmbedder.Open(new EmbedderOptions { ModelPath = TestModels.Path("pooled-dynamic-batch.onnx"), Flip = true }, Insightface);
        int length = embedder.Spec.TensorLength;
        var tensor = Enumerable.Range(0, length).Select(i => (float)Math.Sin(i * 0.37)).ToArray();
        var mirrored = (float[])tensor.Clone();
        OnnxEmbedder.MirrorInPlace(mirrored, 8);
        var embedding = new float[5];

        embedder.Embed(tensor, 1, embedding);

        // The pooled model sees only channel means, which a mirror keeps: both halves agree, so the sum normalises to either.
        Assert.Equal(TestModels.PooledEmbedding(tensor), embedding, (a, b) => Math.Abs(a - b) < 1e-5);
        Assert.Equal(tensor.Take(8).Reverse(), mirrored.Take(8));
        Assert.Equal(tensor.Skip(length - 8).Reverse(), mirrored.Skip(length - 8));
    }

    [Theory]
    [InlineData("flat-input.onnx", "[batch,12] float", "2-D")]
    [InlineData("one-channel.onnx", "[batch,1,8,8] float", "with 1 channels")]
    [InlineData("two-inputs.onnx", "2 inputs (a, b)", "exactly one image tensor")]
    public void A_model_with_an_unexpected_input_is_refused_naming_what_it_declares(string model, string found, string why)
    {
        var error = Assert.Throws<ModelException>(() => OnnxEmbedder.Open(new EmbedderOptions { ModelPath = TestModels.Path(model) }, Insightface));

        Assert.Contains(found, error.Message);
        Assert.Contains(why, error.Message);
    }

    [Fact]
    public void A_missing_model_file_and_a_file_that_is_not_onnx_are_refused_with_their_names()
    {
        using var temp = new TempDirectory();
        string garbage = Path.Combine(temp.Path, "garbage.onnx");
        File.WriteAllText(garbage, "this is not a protobuf");

        var missing = Assert.Throws<ModelException>(() => OnnxEmbedder.Open(new EmbedderOptions { ModelPath = Path.Combine(temp.Path, "nope.onnx") }, Insightface));
        var notOnnx = Assert.Throws<ModelException>(() => OnnxEmbedder.Open(new EmbedderOptions { ModelPath = garbage }, Insightface));

        Assert.Contains("not found", missing.Message);
        Assert.Contains("nope.onnx", missing.Message);
        Assert.Contains("garbage.onnx cannot be loaded as an ONNX model", notOnnx.Message);
    }

    [Fact]
    public void A_preset_whose_size_differs_from_the_model_is_refused_with_the_size_to_pass()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            OnnxEmbedder.Open(new EmbedderOptions { ModelPath = TestModels.Path("pooled-dynamic-batch.onnx") }, new PreprocessChoice { Preset = "mmpretrain-inshop" }));

        Assert.Contains("takes 8×8 images", error.Message);
        Assert.Contains("--size 8x8", error.Message);
    }

    [Fact]
    public void A_model_naming_no_preset_is_given_insightface_with_a_warning_that_says_so_and_how_to_choose_another()
    {
        using var assumed = OnnxEmbedder.Open(new EmbedderOptions { ModelPath = TestModels.Path("pooled-dynamic-batch.onnx") }, new PreprocessChoice());
        using var chosen = OnnxEmbedder.Open(new EmbedderOptions { ModelPath = TestModels.Path("pooled-dynamic-batch.onnx") }, Insightface);

        Assert.Equal(chosen.PreprocessDescription, assumed.PreprocessDescription);
        Assert.Contains("pooled-dynamic-batch.onnx names no preprocessing", assumed.PresetWarning);
        Assert.Contains("preset 'insightface' is assumed", assumed.PresetWarning);
        Assert.Contains("--preset (insightface, mmpretrain-inshop, imagenet)", assumed.PresetWarning);
        Assert.Contains("--mean", assumed.PresetWarning);
        Assert.Null(chosen.PresetWarning);
    }

    [Fact]
    public void Cuda_without_a_usable_gpu_falls_back_to_the_cpu_with_a_reason_and_require_gpu_refuses()
    {
        var options = new EmbedderOptions { ModelPath = TestModels.Path("pooled-dynamic-batch.onnx"), Device = DeviceRequest.Parse("cuda:0") };

        using var embedder = OnnxEmbedder.Open(options, Insightface);
        var refused = Assert.Throws<ModelException>(() => OnnxEmbedder.Open(options with { RequireGpu = true }, Insightface));

        Assert.Equal(InferenceSessions.CpuProvider, embedder.Provider);
        Assert.Contains("CUDA device 0 is not usable", embedder.FallbackReason);
        Assert.Contains("running on the CPU instead", embedder.FallbackReason);
        Assert.Contains("--require-gpu", refused.Message);
    }

    [Fact]
    public void A_cpu_request_never_tries_cuda()
    {
        using var embedder = OnnxEmbedder.Open(new EmbedderOptions { ModelPath = TestModels.Path("pooled-dynamic-batch.onnx"), Device = DeviceRequest.Parse("cpu") }, Insightface);

        Assert.Equal(InferenceSessions.CpuProvider, embedder.Provider);
        Assert.Null(embedder.FallbackReason);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    public void Unknown_device_names_are_refused(string device) =>
        Assert.Contains("use cpu, cuda or cuda:N", Assert.Throws<ArgumentException>(() => DeviceRequest.Parse(device)).Message);
}
