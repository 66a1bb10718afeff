using System.Security.Cryptography;
using System.Text;

namespace ArcFace.VectorDb.Server.Security;

/// <summary>What a key may do.</summary>
public enum AccessLevel
{
    /// <summary>No valid key.</summary>
    None,

    /// <summary>Search, get, list and describe.</summary>
    Read,

    /// <summary>Everything.</summary>
    Write,
}

/// <summary>The API keys a server accepts, compared in constant time (by their SHA-256, so length leaks nothing either).</summary>
public sealed class ApiKeys
{
    private readonly List<(byte[] Hash, AccessLevel Level)> keys;

    private ApiKeys(List<(byte[] Hash, AccessLevel Level)> keys) => this.keys = keys;

    /// <summary>Reads a key file: one key per line, optionally followed by "read" or "write" (default); '#' starts a comment.</summary>
    public static ApiKeys Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"API key file not found: {Path.GetFullPath(path)}");
        var keys = new List<(byte[], AccessLevel)>();
        int lineNumber = 0;
        foreach (string raw in File.ReadLines(path))
        {
            lineNumber++;
            string line = raw.Split('#', 2)[0].Trim();
            if (line.Length == 0)
                continue;
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var level = parts.Length == 1 ? AccessLevel.Write
                : parts.Length == 2 && parts[1] == "read" ? AccessLevel.Read
                : parts.Length == 2 && parts[1] == "write" ? AccessLevel.Write
                : throw new InvalidDataException($"{path} line {lineNumber}: expected 'KEY' or 'KEY read|write'.");
            if (parts[0].Length < 16)
                throw new InvalidDataException($"{path} line {lineNumber}: a key needs at least 16 characters.");
            keys.Add((Hash(parts[0]), level));
        }
        if (keys.Count == 0)
            throw new InvalidDataException($"{path} holds no keys.");
        return new ApiKeys(keys);
    }

    /// <summary>The access a presented key grants (every stored key is compared, so timing does not say which matched).</summary>
    public AccessLevel Check(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
            return AccessLevel.None;
        var hash = Hash(presented);
        var level = AccessLevel.None;
        foreach (var (stored, storedLevel) in keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, stored) && storedLevel > level)
                level = storedLevel;
        }
        return level;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
