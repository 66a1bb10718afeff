using System.Globalization;

namespace ArcFace.VectorDb.Cluster.Shards;

/// <summary>Which shard a grain is: collection name, the collection's generation and the shard's index; its grain key is "NAME/GENERATION/INDEX".</summary>
public readonly record struct ShardKey(string Collection, string Generation, int Index)
{
    /// <summary>The grain key.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Collection}/{Generation}/{Index}");

    /// <summary>The shard a grain key names.</summary>
    public static ShardKey Parse(string key)
    {
        string[] parts = key.Split('/');
        return parts.Length == 3 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            ? new ShardKey(parts[0], parts[1], index)
            : throw new FormatException($"'{key}' is not a shard key (NAME/GENERATION/INDEX).");
    }
}
