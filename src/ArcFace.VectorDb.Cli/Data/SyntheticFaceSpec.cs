namespace ArcFace.VectorDb.Cli.Data;

/// <summary>The parameters of a synthetic ArcFace-like data set.</summary>
/// <param name="Count">Base vectors.</param>
/// <param name="Queries">Query vectors.</param>
/// <param name="Dimension">Components per vector.</param>
/// <param name="PerIdentity">Base vectors per identity (identities = Count / PerIdentity, at least one).</param>
/// <param name="Cosine">The expected cosine between two samples of one identity, in (0, 1).</param>
/// <param name="Seed">The seed that fixes every vector.</param>
internal sealed record SyntheticFaceSpec(int Count, int Queries, int Dimension, int PerIdentity, double Cosine, ulong Seed)
{
    /// <summary>Number of identities (random unit centres).</summary>
    public int Identities => Math.Max(1, Count / PerIdentity);

    /// <summary>Per-component noise σ = sqrt((1/cosine − 1) / dimension), so that |σg|² ≈ 1/cosine − 1 and two samples of a centre have cosine ≈ <see cref="Cosine"/>.</summary>
    public float Sigma => (float)Math.Sqrt(((1.0 / Cosine) - 1.0) / Dimension);

    /// <summary>Throws unless every parameter is in range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Count, 1, nameof(Count));
        ArgumentOutOfRangeException.ThrowIfLessThan(Queries, 1, nameof(Queries));
        ArgumentOutOfRangeException.ThrowIfLessThan(Dimension, 1, nameof(Dimension));
        ArgumentOutOfRangeException.ThrowIfLessThan(PerIdentity, 1, nameof(PerIdentity));
        if (Math.Max(Count, Queries) * (long)Dimension > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(Count), $"{Math.Max(Count, Queries)} vectors of {Dimension} components do not fit in one array.");
        if (!(Cosine > 0 && Cosine < 1))
            throw new ArgumentOutOfRangeException(nameof(Cosine), Cosine, "The intra-identity cosine must be in (0, 1).");
    }
}
