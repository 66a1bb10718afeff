using System.Globalization;
using System.Text.RegularExpressions;
using ArcFace.VectorDb.Storage;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>
/// What a cluster's shared data folder shows of a collection's shards from outside: each shard's folder
/// (DATA/shards/NAME-GENERATION/INDEX, the generation in hex), its bytes on disk, and the silo whose lease on it is live (the newest
/// lease/EPOCH file holds "EXPIRY-MS OWNER", the owner starting with the silo's address).
/// </summary>
internal static partial class ShardFolders
{
    /// <summary>The folders of <paramref name="collection"/>'s shards, by index (missing ones are shards that never activated).</summary>
    public static string[] Of(string dataDirectory, string collection, int shards)
    {
        string root = Path.Combine(dataDirectory, "shards");
        string? data = Directory.Exists(root)
            ? Directory.EnumerateDirectories(root, collection + "-*").SingleOrDefault(folder => Path.GetFileName(folder)[(collection.Length + 1)..].All(char.IsAsciiHexDigit))
            : null;
        return data is null ? [] : [.. Enumerable.Range(0, shards).Select(index => Path.Combine(data, index.ToString(CultureInfo.InvariantCulture)))];
    }

    /// <summary>Bytes on disk of one shard folder (0 when absent).</summary>
    public static long DiskBytes(string shardFolder) => Directory.Exists(shardFolder) ? DiskUsage.Bytes(shardFolder) : 0;

    /// <summary>The silo port of the live lease on <paramref name="shardFolder"/>, or null when none is live.</summary>
    public static int? HolderPort(string shardFolder)
    {
        string leases = Path.Combine(shardFolder, "lease");
        if (!Directory.Exists(leases))
            return null;
        var newest = Directory.EnumerateFiles(leases).Where(path => Path.GetFileName(path).All(char.IsAsciiDigit)).Order(StringComparer.Ordinal).LastOrDefault();
        if (newest is null)
            return null;
        string content;
        try
        {
            content = File.ReadAllText(newest);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        var match = Lease().Match(content);
        if (!match.Success || DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)) <= DateTimeOffset.UtcNow)
            return null;
        return int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>"EXPIRY-MS S127.0.0.1:PORT:GENERATION grain…".</summary>
    [GeneratedRegex(@"^(\d+) S?[^\s:]+:(\d+):")]
    private static partial Regex Lease();
}
