using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Embedding.Onnx;
using ArcFace.VectorDb.Embedding.Preprocessing;

namespace ArcFace.VectorDb.Cli.Commands.Evaluation;

/// <summary>The embedding of each distinct image a pair list names, computed once, or why that image cannot be used.</summary>
internal sealed class PairImageEmbeddings
{
    private readonly Dictionary<string, int> rows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> problems = new(StringComparer.Ordinal);
    private readonly float[] vectors;
    private readonly int dimension;

    private PairImageEmbeddings(int images, int dimension)
    {
        vectors = new float[images * dimension];
        this.dimension = dimension;
    }

    /// <summary>Images that could not be used.</summary>
    public int Unusable => problems.Count;

    /// <summary>
    /// Decodes and preprocesses the images in parallel, a chunk at a time, and embeds each chunk's usable ones in the
    /// embedder's batches, with a progress bar (or progress lines).
    /// </summary>
    public static async Task<PairImageEmbeddings> EmbedAsync(IReadOnlyList<string> images, OnnxEmbedder embedder, ProgressLog log, CancellationToken cancellation)
    {
        var result = new PairImageEmbeddings(images.Count, embedder.Dimension);
        int chunk = Math.Max(embedder.BatchSize, 32);
        await ConsoleProgress.RunAsync("embed pair images", images.Count, "images", log, progress => Task.Run(() =>
        {
            for (int start = 0; start < images.Count; start += chunk)
            {
                cancellation.ThrowIfCancellationRequested();
                result.EmbedChunk(images.Skip(start).Take(chunk).ToArray(), embedder);
                progress.Report(Math.Min(start + chunk, images.Count));
            }
        }, cancellation));
        return result;
    }

    /// <summary>Why the image cannot be used, or null when it has an embedding.</summary>
    public string? Problem(string image) => problems.GetValueOrDefault(image);

    /// <summary>The L2-normalised embedding of a usable image.</summary>
    public ReadOnlySpan<float> Vector(string image) => vectors.AsSpan(rows[image] * dimension, dimension);

    private void EmbedChunk(string[] images, OnnxEmbedder embedder)
    {
        int length = embedder.Spec.TensorLength;
        var tensors = new float[images.Length * length];
        var reasons = new string?[images.Length];
        var limits = new DecodeLimits();
        Parallel.For(0, images.Length, i =>
            reasons[i] = ImagePreparation.Prepare(new GalleryItem(images[i], images[i], "", 0), embedder.Spec, limits, tensors.AsSpan(i * length, length)));

        var usable = new List<string>(images.Length);
        for (int i = 0; i < images.Length; i++)
        {
            if (reasons[i] is { } reason)
            {
                problems[images[i]] = reason;
                continue;
            }
            Array.Copy(tensors, i * length, tensors, usable.Count * length, length);
            usable.Add(images[i]);
        }
        var embedded = new float[usable.Count * dimension];
        embedder.Embed(tensors, usable.Count, embedded);
        for (int i = 0; i < usable.Count; i++)
        {
            var vector = embedded.AsSpan(i * dimension, dimension);
            if (!OnnxEmbedder.IsUsable(vector))
            {
                problems[usable[i]] = "the model gave a zero or non-finite embedding";
                continue;
            }
            int row = rows.Count;
            rows[usable[i]] = row;
            vector.CopyTo(vectors.AsSpan(row * dimension));
        }
    }
}
