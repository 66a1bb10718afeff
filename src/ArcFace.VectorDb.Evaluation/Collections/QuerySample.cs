namespace ArcFace.VectorDb.Evaluation.Collections;

/// <summary>Stored vectors drawn as queries, in sampled order, and how many records were live when they were drawn.</summary>
public sealed record QuerySample(float[] Vectors, int Live)
{
    /// <summary>
    /// The positions, in id order, of the up to <paramref name="size"/> records a sample seeded with <paramref name="seed"/>
    /// takes out of <paramref name="count"/>, in sampled order: the same records wherever the same ids are stored.
    /// </summary>
    public static int[] Positions(int count, int size, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        return order[..Math.Min(size, count)];
    }
}
