using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Embedding.Onnx;
using ArcFace.VectorDb.Evaluation.Verification;

namespace ArcFace.VectorDb.Cli.Commands.Evaluation;

/// <summary>Verification over a pair list of image files: embed each distinct image once, score each usable pair by cosine, evaluate.</summary>
internal static class PairVerification
{
    /// <summary>Reasons named in the warning about left-out pairs.</summary>
    private const int ReasonsShown = 3;

    /// <summary>Evaluates <paramref name="pairs"/> (read from <paramref name="pairFile"/>); pairs naming an unusable image are left out with a warning on the log.</summary>
    public static async Task<VerificationEvaluation> RunAsync(string pairFile, IReadOnlyList<VerificationPair> pairs, OnnxEmbedder embedder, int folds, ProgressLog log, CancellationToken cancellation)
    {
        var images = pairs.SelectMany(pair => new[] { pair.First, pair.Second }).Distinct(StringComparer.Ordinal).ToArray();
        var embeddings = await PairImageEmbeddings.EmbedAsync(images, embedder, log, cancellation);
        var similarity = new List<float>(pairs.Count);
        var same = new List<bool>(pairs.Count);
        foreach (var pair in pairs)
        {
            if (embeddings.Problem(pair.First) is null && embeddings.Problem(pair.Second) is null)
            {
                similarity.Add(DotProduct.Compute(embeddings.Vector(pair.First), embeddings.Vector(pair.Second)));
                same.Add(pair.Same);
            }
        }
        int leftOut = pairs.Count - similarity.Count;
        if (leftOut > 0)
            log.Line(LeftOutWarning(leftOut, pairs.Count, images, embeddings));
        if (similarity.Count < folds)
            throw new ArgumentException($"Only {similarity.Count} of the {pairs.Count} pairs could be scored; {folds}-fold cross-validation needs at least {folds}.");
        var source = new VerificationSource(Path.GetFileName(pairFile), Path.GetFullPath(pairFile), pairs.Count, leftOut, images.Length, embeddings.Unusable);
        return VerificationEvaluator.Evaluate(source, [.. similarity], [.. same], folds);
    }

    private static string LeftOutWarning(int leftOut, int pairs, string[] images, PairImageEmbeddings embeddings)
    {
        var reasons = images.Where(image => embeddings.Problem(image) is not null).Take(ReasonsShown).Select(image => $"{image}: {embeddings.Problem(image)}");
        string more = embeddings.Unusable > ReasonsShown ? $"; and {embeddings.Unusable - ReasonsShown} more" : "";
        return $"warning: {leftOut} of the {pairs} pairs are left out because {embeddings.Unusable} of their {images.Length} images cannot be used: {string.Join("; ", reasons)}{more}";
    }
}
