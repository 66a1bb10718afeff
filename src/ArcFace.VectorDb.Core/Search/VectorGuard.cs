namespace ArcFace.VectorDb.Core.Search;

/// <summary>Checks applied to every vector that enters an index or a query.</summary>
public static class VectorGuard
{
    /// <summary>Throws when the vector's length is not the index dimension.</summary>
    public static void RequireDimension(ReadOnlySpan<float> vector, int dimension)
    {
        if (vector.Length != dimension)
            throw new ArgumentException(vector.Length == 0 ? $"the vector is empty; {dimension}-d vectors are expected." : $"the vector has {vector.Length} components; {dimension}-d vectors are expected.", nameof(vector));
    }

    /// <summary>Throws when the vector has the wrong length or a NaN or infinite component.</summary>
    public static void RequireFinite(ReadOnlySpan<float> vector, int dimension)
    {
        RequireDimension(vector, dimension);
        for (int i = 0; i < vector.Length; i++)
        {
            if (!float.IsFinite(vector[i]))
                throw new ArgumentException($"component {i} is {vector[i]}; vectors must be finite.", nameof(vector));
        }
    }
}
