using System.IO.Hashing;
using System.Text;

namespace ArcFace.VectorDb.Embedding.Ingest;

/// <summary>Ids that do not change between runs: a 64-bit XxHash3 of an image's path relative to its gallery.</summary>
public static class StableIds
{
    /// <summary>The id of a relative path ('\' and '/' are the same separator).</summary>
    public static ulong ForKey(string relativePath) => XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(NormalizeKey(relativePath)));

    /// <summary>The key of a relative path: '/' separators, no leading "./".</summary>
    public static string NormalizeKey(string relativePath)
    {
        string key = relativePath.Replace('\\', '/');
        while (key.StartsWith("./", StringComparison.Ordinal))
            key = key[2..];
        return key;
    }
}
