using ArcFace.VectorDb.Core.Formats;

namespace ArcFace.VectorDb.Evaluation.Retrieval;

/// <summary>Row-major vectors with the labels (zero or more each) and the id of every row.</summary>
public sealed record LabeledRows
{
    /// <summary>Pairs rows with their labels and ids; there must be one of each per row.</summary>
    public LabeledRows(float[] rows, int dimension, IReadOnlyList<string[]> labels, ulong[] ids)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (rows.Length != labels.Count * dimension || ids.Length != labels.Count)
            throw new ArgumentException($"{rows.Length / dimension} rows of {dimension} floats, {labels.Count} label lines and {ids.Length} ids: they must be as many.");
        Rows = rows;
        Dimension = dimension;
        Labels = labels;
        Ids = ids;
    }

    /// <summary>The vectors, one row after another.</summary>
    public float[] Rows { get; }

    /// <summary>Floats per row.</summary>
    public int Dimension { get; }

    /// <summary>The labels of each row.</summary>
    public IReadOnlyList<string[]> Labels { get; }

    /// <summary>The id of each row.</summary>
    public ulong[] Ids { get; }

    /// <summary>Number of rows.</summary>
    public int Count => Labels.Count;

    /// <summary>The rows as a vector set (sharing, not copying, the floats).</summary>
    public VectorSet Vectors => new(Rows, Dimension);

    /// <summary>One row.</summary>
    public ReadOnlySpan<float> Row(int index) => Rows.AsSpan(index * Dimension, Dimension);
}
