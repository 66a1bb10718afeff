using ArcFace.VectorDb.Embedding.Detection;
using ArcFace.VectorDb.Embedding.Onnx;
using ArcFace.VectorDb.Embedding.Preprocessing;
using ArcFace.VectorDb.Testing;
using Xunit.Abstractions;
using static ArcFace.VectorDb.Embedding.Tests.Detection.DetectorFixtures;

namespace ArcFace.VectorDb.Embedding.Tests.Detection;

/// <summary>The real detector on the 98 raw LFW photos: faces found, and centre faces that align onto their own ArcFace crops.</summary>
public class LfwRawDetectionTests(ITestOutputHelper output)
{
    // Byte-identical crops in the fixture (its README): a self-retrieval may land on any of them.
    private static readonly string[][] Duplicates =
    [
        ["16_fn_1", "17_fn_1", "18_fn_0"], ["20_fn_1", "21_fn_0"], ["24_fn_0", "25_fn_0"], ["29_fn_1", "30_fn_0"],
        ["10_fn_1", "11_fn_1"], ["34_fn_0", "35_fn_0"], ["3_fp_0", "4_fp_0"],
    ];

    [Fact]
    public void Every_one_of_the_98_photos_has_at_least_one_face_at_threshold_05()
    {
        if (SharedFixtures.Faces is not { } faces)
        {
            output.WriteLine(SharedFixtures.FacesAbsent);
            return;
        }
        using var detector = Open(faces);
        var files = RawPhotos(faces);
        var photos = files.Select(Load).ToArray();

        var found = detector.Detect(photos);

        output.WriteLine($"{found.Sum(f => f.Count)} faces in {files.Length} photos; per photo: {string.Join(" ", found.Select(f => f.Count))}");
        Assert.Equal(98, files.Length);
        Assert.All(found.Zip(files), pair => Assert.True(pair.First.Count >= 1, $"{Path.GetFileName(pair.Second)}: no face"));
        Assert.All(found.SelectMany(f => f), face => Assert.True(face.Score >= 0.5f));
        Assert.All(found, f => Assert.Equal(f.OrderByDescending(x => x.Score).Select(x => x.Score), f.Select(x => x.Score)));
        foreach (var photo in photos)
            photo.Dispose();
    }

    [Fact]
    public void The_centre_face_aligned_from_its_landmarks_finds_its_own_lfw_crop_at_rank_1_for_at_least_95_of_98()
    {
        if (SharedFixtures.Faces is not { } faces)
        {
            output.WriteLine(SharedFixtures.FacesAbsent);
            return;
        }
        using var detector = Open(faces);
        using var embedder = OnnxEmbedder.Open(new EmbedderOptions { ModelPath = Path.Combine(faces, "mobilefacenet-arcface-128.onnx") }, new PreprocessChoice { Preset = "imagenet" });
        var files = RawPhotos(faces);
        var names = files.Select(f => Path.GetFileNameWithoutExtension(f)).ToArray();
        var crops = Embed(embedder, names.Select(n => Path.Combine(faces, "lfw-aligned", n + "_aligned.jpg")).Select(Load).ToArray());
        var aligned = files.Select(file =>
        {
            using var photo = Load(file);
            return FaceAlignment.Align(photo, CenterFace(detector, photo).Landmarks, 112, 112);
        }).ToArray();
        var queries = Embed(embedder, aligned);

        var misses = new List<string>();
        for (int q = 0; q < names.Length; q++)
        {
            int best = Enumerable.Range(0, names.Length).MaxBy(g => Cosine(queries[q], crops[g]));
            if (best != q && !Duplicates.Any(set => set.Contains(names[q]) && set.Contains(names[best])))
                misses.Add($"{names[q]} → {names[best]}");
        }

        output.WriteLine($"centre face finds its own crop at rank 1 for {names.Length - misses.Count} of {names.Length} photos; misses: {string.Join(", ", misses)}");
        Assert.True(names.Length - misses.Count >= 95, $"only {names.Length - misses.Count} of {names.Length} at rank 1");
    }

    /// <summary>Embeds the images (disposing them) with the embedder's own preprocessing.</summary>
    private static float[][] Embed(OnnxEmbedder embedder, SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgb24>[] images)
    {
        int length = embedder.Spec.TensorLength;
        var tensors = new float[images.Length * length];
        for (int i = 0; i < images.Length; i++)
        {
            using var image = images[i];
            TensorWriter.Write(image, embedder.Spec, tensors.AsSpan(i * length, length));
        }
        var flat = new float[images.Length * embedder.Dimension];
        embedder.Embed(tensors, images.Length, flat);
        return [.. flat.Chunk(embedder.Dimension)];
    }

    private static double Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();
}
