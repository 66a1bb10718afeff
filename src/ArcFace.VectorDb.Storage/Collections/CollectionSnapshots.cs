using System.Globalization;
using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Core.Quantization;

namespace ArcFace.VectorDb.Storage.Collections;

/// <summary>
/// The index snapshots of a collection: snapshots/index-ADDRESS.hnsw, where ADDRESS is the log address the snapshot
/// covers (every record before it is in the index). Each is written atomically; only the newest is kept.
/// </summary>
internal sealed class CollectionSnapshots(string collectionDirectory)
{
    private const string Prefix = "index-";
    private const string Extension = ".hnsw";

    private string Folder => Path.Combine(collectionDirectory, "snapshots");

    /// <summary>Writes a snapshot covering the log up to <paramref name="coveredAddress"/>, then removes the older ones.</summary>
    public string Write(HnswIndex index, long coveredAddress)
    {
        Directory.CreateDirectory(Folder);
        string path = Path.Combine(Folder, $"{Prefix}{coveredAddress.ToString("D19", CultureInfo.InvariantCulture)}{Extension}");
        index.SaveToFile(path);
        foreach (var (older, address) in List())
        {
            if (address < coveredAddress)
                File.Delete(older);
        }
        return path;
    }

    /// <summary>
    /// Loads the newest usable snapshot that covers no more than <paramref name="committedUntil"/>; damaged ones, and
    /// ones of another quantisation than <paramref name="quantization"/>, are skipped with a warning. A quantised
    /// index loads with its exact vectors from <paramref name="exactVectors"/>. Returns null (and says why in
    /// <paramref name="warnings"/>) when there is none. Half-written snapshot files of a crashed writer are removed
    /// first when <paramref name="removeLeftovers"/>.
    /// </summary>
    public (HnswIndex Index, long CoveredAddress)? LoadNewest(long committedUntil, List<string> warnings, VectorQuantization quantization, ExactVectorLocation exactVectors, bool removeLeftovers = true)
    {
        if (removeLeftovers)
            RemoveLeftoverTemporaryFiles();
        foreach (var (path, address) in List().OrderByDescending(s => s.Address))
        {
            if (address > committedUntil)
            {
                warnings.Add($"snapshot {Path.GetFileName(path)} covers log address {address}, past the last commit ({committedUntil}); ignored.");
                continue;
            }
            try
            {
                var written = HnswIndex.ReadOptions(path).Quantization;
                if (written != quantization)
                {
                    warnings.Add($"snapshot {Path.GetFileName(path)} holds an index with {written.Name()} quantisation, but the collection was created with {quantization.Name()}; ignored.");
                    continue;
                }
                return (HnswIndex.LoadFromFile(path, exactVectors), address);
            }
            catch (IOException e)
            {
                warnings.Add($"snapshot {Path.GetFileName(path)} is unusable ({e.Message}); trying an older one or a full replay.");
            }
        }
        return null;
    }

    /// <summary>When the newest snapshot was written, or null when there is none.</summary>
    public DateTime? NewestWriteTimeUtc() =>
        List().Select(s => (DateTime?)File.GetLastWriteTimeUtc(s.Path)).Max();

    private IEnumerable<(string Path, long Address)> List()
    {
        if (!Directory.Exists(Folder))
            yield break;
        foreach (string path in Directory.EnumerateFiles(Folder, $"{Prefix}*{Extension}"))
        {
            string digits = Path.GetFileNameWithoutExtension(path)[Prefix.Length..];
            if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long address))
                yield return (path, address);
        }
    }

    private void RemoveLeftoverTemporaryFiles()
    {
        if (!Directory.Exists(Folder))
            return;
        foreach (string temporary in Directory.EnumerateFiles(Folder, "*.tmp"))
            File.Delete(temporary);
    }
}
