namespace ArcFace.VectorDb.Core.Search;

/// <summary>Checks applied to every vector that enters an index or a query.</summary>
public static class VectorGuard
{
    /// <summary>Throws when the vector's length is not the index dimension.</summary>
    public static void RequireDimension(ReadOnlySpan<float> vector, int dimension)
    {
        if (vector.Length != dimension)
            throw new ArgumentException($"Vector has {vector.Length} components; this index holds {dimension}-d vectors.", nameof(vector));
    }

    /// <summary>Throws when the vector has the wrong length or a NaN or infinite component.</summary>
    public static void RequireFinite(ReadOnlySpan<float> vector, int dimension)
    {
        RequireDimension(vector, dimension);
        for (int i = 0; i < vector.Length; i++)
        {
            if (!float.IsFinite(vector[i]))
                throw new ArgumentException($"Vector component {i} is {vector[i]}; only finite values are allowed.", nameof(vector));
        }
    }
}
