using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Embedding.Images;
using ArcFace.VectorDb.Evaluation.Verification;

namespace ArcFace.VectorDb.Cli.Commands.Evaluation;

/// <summary>
/// Verification over a pair list of image files: embed each distinct image once, through the ingest pipeline into a
/// memory, score each usable pair by cosine, evaluate.
/// </summary>
internal static class PairVerification
{
    /// <summary>Evaluates <paramref name="pairs"/> (read from <paramref name="pairFile"/>); pairs naming an unusable image are left out with a warning on the log.</summary>
    public static async Task<VerificationEvaluation> RunAsync(string pairFile, IReadOnlyList<VerificationPair> pairs, ImageEmbedder embedder, int folds, ProgressLog log, CancellationToken cancellation)
    {
        var images = pairs.SelectMany(pair => new[] { pair.First, pair.Second }).Distinct(StringComparer.Ordinal).ToArray();
        var idOf = new Dictionary<string, ulong>(images.Length, StringComparer.Ordinal);
        foreach (string image in images)
            idOf[image] = (ulong)idOf.Count;
        var points = await EmbeddedImageSets.EmbedAsync("pair", [.. images.Select(image => new GalleryItem(image, image, "", idOf[image]))], embedder, log, cancellation);
        var vectors = new float[]?[images.Length];
        foreach (var point in points)
            vectors[point.Item.Id] ??= point.Vector;

        var similarity = new List<float>(pairs.Count);
        var same = new List<bool>(pairs.Count);
        foreach (var pair in pairs)
        {
            if (vectors[idOf[pair.First]] is { } first && vectors[idOf[pair.Second]] is { } second)
            {
                similarity.Add(DotProduct.Compute(first, second));
                same.Add(pair.Same);
            }
        }
        int leftOut = pairs.Count - similarity.Count;
        int unusable = vectors.Count(vector => vector is null);
        if (leftOut > 0)
            log.Line($"warning: {leftOut} of the {pairs.Count} pairs are left out because {unusable} of their {images.Length} images cannot be used.");
        if (similarity.Count < folds)
            throw new ArgumentException($"Only {similarity.Count} of the {pairs.Count} pairs could be scored; {folds}-fold cross-validation needs at least {folds}.");
        var source = new VerificationSource(Path.GetFileName(pairFile), Path.GetFullPath(pairFile), pairs.Count, leftOut, images.Length, unusable);
        return VerificationEvaluator.Evaluate(source, [.. similarity], [.. same], folds);
    }
}
