using ArcFace.VectorDb.Core.Formats;

namespace ArcFace.VectorDb.Cli.Data;

/// <summary>Vectors with one class or identity label each.</summary>
internal sealed record LabeledVectors
{
    /// <summary>Pairs the vectors with their labels; there must be one label per vector.</summary>
    public LabeledVectors(VectorSet vectors, int[] labels)
    {
        if (labels.Length != vectors.Count)
            throw new ArgumentException($"{labels.Length} labels for {vectors.Count} vectors.", nameof(labels));
        Vectors = vectors;
        Labels = labels;
    }

    /// <summary>The vectors.</summary>
    public VectorSet Vectors { get; }

    /// <summary>The label of each vector, in the same order.</summary>
    public int[] Labels { get; }
}
