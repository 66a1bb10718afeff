namespace ArcFace.VectorDb.Evaluation.Ann;

/// <summary>How much memory an index takes next to the least any HNSW needs.</summary>
public static class IndexMemory
{
    /// <summary>indexBytes / (n·dim·4 + n·2M·4): the overhead over raw float vectors plus a full level-0 graph.</summary>
    public static double Ratio(long indexBytes, int n, int dim, int m)
    {
        long reference = (long)n * dim * sizeof(float) + (long)n * 2 * m * sizeof(int);
        return reference == 0 ? 0 : indexBytes / (double)reference;
    }
}
