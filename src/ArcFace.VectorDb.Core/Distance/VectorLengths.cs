namespace ArcFace.VectorDb.Core.Distance;

/// <summary>Argument check shared by the two-vector kernels.</summary>
internal static class VectorLengths
{
    /// <summary>Throws when two vectors that are combined element by element differ in length.</summary>
    public static void RequireEqual(int a, int b)
    {
        if (a != b)
            throw new ArgumentException($"Vector lengths differ: {a} and {b}.", nameof(b));
    }
}
