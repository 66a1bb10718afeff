namespace ArcFace.VectorDb.Core.Hashing;

/// <summary>32-bit FNV-1a of a string's UTF-16 code units: the same in every process and run, unlike string.GetHashCode.</summary>
public static class Fnv1a
{
    /// <summary>The hash of <paramref name="text"/>.</summary>
    public static uint Of(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
            hash = (hash ^ c) * 16777619;
        return hash;
    }
}
