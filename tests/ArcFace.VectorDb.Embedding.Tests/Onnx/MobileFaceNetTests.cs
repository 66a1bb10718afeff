using ArcFace.VectorDb.Embedding.Onnx;
using ArcFace.VectorDb.Embedding.Preprocessing;
using ArcFace.VectorDb.Testing;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using Xunit.Abstractions;

namespace ArcFace.VectorDb.Embedding.Tests.Onnx;

/// <summary>
/// The real ArcFace-trained MobileFaceNet of ../shared/fixtures/faces (batch fixed at 1) on the 98 aligned LFW crops,
/// against a plain InferenceSession fed by a straightforward reference preprocessing written here.
/// </summary>
public class MobileFaceNetTests(ITestOutputHelper output)
{
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    // Byte-identical files in the fixture (its README): a self-retrieval may land on any of them.
    private static readonly string[][] Duplicates =
    [
        ["16_fn_1", "17_fn_1", "18_fn_0"], ["20_fn_1", "21_fn_0"], ["24_fn_0", "25_fn_0"], ["29_fn_1", "30_fn_0"],
        ["10_fn_1", "11_fn_1"], ["34_fn_0", "35_fn_0"], ["3_fp_0", "4_fp_0"],
    ];

    [Fact]
    public void Embeddings_of_the_98_crops_equal_a_plain_session_on_reference_preprocessing()
    {
        if (Faces() is not { } faces)
            return;
        using var embedder = OpenEmbedder(faces, flip: false);
        var ours = EmbedAll(embedder, faces.Crops, mirror: false);
        using var reference = new InferenceSession(faces.Model);

        Assert.Equal(1, embedder.BatchSize);
        Assert.Equal(128, embedder.Dimension);
        for (int i = 0; i < faces.Crops.Length; i++)
        {
            var expected = ReferenceEmbedding(reference, LoadReference(faces.Crops[i]));
            for (int d = 0; d < 128; d++)
                Assert.True(Math.Abs(expected[d] - ours[i][d]) <= 1e-4, $"{Path.GetFileName(faces.Crops[i])} component {d}: {ours[i][d]} vs {expected[d]}");
        }
    }

    [Fact]
    public void Flip_option_equals_the_normalised_sum_of_the_crop_and_its_mirror_through_a_plain_session()
    {
        if (Faces() is not { } faces)
            return;
        using var embedder = OpenEmbedder(faces, flip: true);
        var crops = faces.Crops.Take(6).ToArray();
        var ours = EmbedAll(embedder, crops, mirror: false);
        using var reference = new InferenceSession(faces.Model);

        for (int i = 0; i < crops.Length; i++)
        {
            var plain = ReferenceOutput(reference, LoadReference(crops[i]));
            using var image = Image.Load<Rgb24>(crops[i]);
            image.Mutate(x => x.Flip(FlipMode.Horizontal));
            var mirrored = ReferenceOutput(reference, ReferenceTensor(image));
            var expected = Normalise(plain.Zip(mirrored, (a, b) => a + b).ToArray());
            for (int d = 0; d < 128; d++)
                Assert.True(Math.Abs(expected[d] - ours[i][d]) <= 1e-4, $"{Path.GetFileName(crops[i])} component {d}");
        }
    }

    [Fact]
    public void A_mirrored_crop_retrieves_its_own_original_at_rank_1_for_all_98()
    {
        if (Faces() is not { } faces)
            return;
        using var embedder = OpenEmbedder(faces, flip: false);
        var originals = EmbedAll(embedder, faces.Crops, mirror: false);
        var mirrored = EmbedAll(embedder, faces.Crops, mirror: true);
        var names = faces.Crops.Select(CropName).ToArray();

        var misses = new List<string>();
        double selfCosine = 0;
        for (int q = 0; q < names.Length; q++)
        {
            int best = Enumerable.Range(0, names.Length).MaxBy(g => Cosine(mirrored[q], originals[g]));
            selfCosine += Cosine(mirrored[q], originals[q]) / names.Length;
            if (best != q && !SameFile(names[q], names[best]))
                misses.Add($"{names[q]} → {names[best]}");
        }

        output.WriteLine($"mean cosine(mirror, original) = {selfCosine:F3}");
        Assert.Empty(misses);
    }

    [Fact]
    public void Same_person_pairs_score_at_least_015_above_different_person_combinations()
    {
        if (Faces() is not { } faces)
            return;
        using var embedder = OpenEmbedder(faces, flip: false);
        var embeddings = EmbedAll(embedder, faces.Crops, mirror: false);
        var byName = faces.Crops.Select((path, i) => (Name: CropName(path), i)).ToDictionary(x => x.Name, x => embeddings[x.i]);
        var pairs = byName.Keys.Where(n => n.EndsWith("_0", StringComparison.Ordinal)).Select(n => n[..^2]).ToArray();

        var samePerson = pairs.Where(p => p.EndsWith("_fn", StringComparison.Ordinal)).Select(p => Cosine(byName[p + "_0"], byName[p + "_1"])).ToArray();
        var crossPairs = (from a in pairs from b in pairs where a != b select Cosine(byName[a + "_0"], byName[b + "_1"])).ToArray();

        output.WriteLine($"same-person mean {samePerson.Average():F3} over {samePerson.Length}; cross-pair mean {crossPairs.Average():F3} over {crossPairs.Length}");
        Assert.Equal(38, samePerson.Length);
        Assert.Equal(49 * 48, crossPairs.Length);
        Assert.True(samePerson.Average() >= crossPairs.Average() + 0.15);
    }

    private (string Model, string[] Crops)? Faces()
    {
        if (SharedFixtures.Faces is { } folder)
            return (Path.Combine(folder, "mobilefacenet-arcface-128.onnx"), Directory.GetFiles(Path.Combine(folder, "lfw-aligned"), "*.jpg").Order(StringComparer.Ordinal).ToArray());
        output.WriteLine(SharedFixtures.FacesAbsent);
        return null;
    }

    private static OnnxEmbedder OpenEmbedder((string Model, string[] Crops) faces, bool flip) =>
        OnnxEmbedder.Open(new EmbedderOptions { ModelPath = faces.Model, BatchSize = 16, Flip = flip }, new PreprocessChoice { Preset = "imagenet" });

    private static float[][] EmbedAll(OnnxEmbedder embedder, string[] files, bool mirror)
    {
        int length = embedder.Spec.TensorLength;
        var tensors = new float[files.Length * length];
        for (int i = 0; i < files.Length; i++)
        {
            using var image = ImageDecoding.Decode(files[i], new DecodeLimits()).Image!;
            if (mirror)
                image.Mutate(x => x.Flip(FlipMode.Horizontal));
            TensorWriter.Write(image, embedder.Spec, tensors.AsSpan(i * length, length));
        }
        var flat = new float[files.Length * embedder.Dimension];
        embedder.Embed(tensors, files.Length, flat);
        return [.. flat.Chunk(embedder.Dimension)];
    }

    private static DenseTensor<float> LoadReference(string path)
    {
        using var image = Image.Load<Rgb24>(path);
        return ReferenceTensor(image);
    }

    private static DenseTensor<float> ReferenceTensor(Image<Rgb24> image)
    {
        var tensor = new DenseTensor<float>([1, 3, 112, 112]);
        for (int y = 0; y < 112; y++)
        {
            for (int x = 0; x < 112; x++)
            {
                var pixel = image[x, y];
                tensor[0, 0, y, x] = (pixel.R / 255f - Mean[0]) / Std[0];
                tensor[0, 1, y, x] = (pixel.G / 255f - Mean[1]) / Std[1];
                tensor[0, 2, y, x] = (pixel.B / 255f - Mean[2]) / Std[2];
            }
        }
        return tensor;
    }

    private static double[] ReferenceEmbedding(InferenceSession session, DenseTensor<float> tensor) => Normalise(ReferenceOutput(session, tensor));

    private static double[] ReferenceOutput(InferenceSession session, DenseTensor<float> tensor)
    {
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(session.InputMetadata.Keys.Single(), tensor)]);
        return [.. results.First().AsEnumerable<float>().Select(x => (double)x)];
    }

    private static double[] Normalise(double[] v)
    {
        double norm = Math.Sqrt(v.Sum(x => x * x));
        return [.. v.Select(x => x / norm)];
    }

    private static string CropName(string path) => Path.GetFileNameWithoutExtension(path).Replace("_aligned", "", StringComparison.Ordinal);

    private static double Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();

    private static bool SameFile(string a, string b) => Duplicates.Any(set => set.Contains(a) && set.Contains(b));
}
