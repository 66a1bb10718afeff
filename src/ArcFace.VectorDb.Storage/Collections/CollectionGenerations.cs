using System.Globalization;
using System.Text;
using ArcFace.VectorDb.Core.IO;

namespace ArcFace.VectorDb.Storage.Collections;

/// <summary>
/// The generations of a collection's files: each gen-N folder holds a log and its snapshots, and the file CURRENT
/// names the live one. Compaction writes gen-N+1 beside it and switches by rewriting CURRENT atomically, so a crash
/// at any point leaves either the old or the new generation complete; folders CURRENT does not name are removed on open.
/// </summary>
internal sealed class CollectionGenerations(string collectionDirectory)
{
    private const string PointerFileName = "CURRENT";
    private const string Prefix = "gen-";

    /// <summary>The live generation's folder.</summary>
    public string Current
    {
        get
        {
            string pointer = Path.Combine(collectionDirectory, PointerFileName);
            if (!File.Exists(pointer))
                throw new StorageException($"{collectionDirectory} has no {PointerFileName} file naming its live log; the collection's files are incomplete.");
            string name = File.ReadAllText(pointer).Trim();
            string folder = Path.Combine(collectionDirectory, name);
            if (!name.StartsWith(Prefix, StringComparison.Ordinal) || !Directory.Exists(folder))
                throw new StorageException($"{pointer} names '{name}', which is not a generation folder of {collectionDirectory}.");
            return folder;
        }
    }

    /// <summary>Creates the first generation of a new collection and points CURRENT at it.</summary>
    public string Initialize()
    {
        string first = Folder(1);
        Directory.CreateDirectory(first);
        Point(first);
        return first;
    }

    /// <summary>Creates the empty folder of the generation after the live one.</summary>
    public string CreateNext()
    {
        string next = Folder(Number(Current) + 1);
        if (Directory.Exists(next))
            Directory.Delete(next, recursive: true);
        Directory.CreateDirectory(next);
        return next;
    }

    /// <summary>Makes <paramref name="generation"/> the live one (atomically), then deletes every other generation.</summary>
    public void Switch(string generation)
    {
        Point(generation);
        RemoveStale();
    }

    /// <summary>Deletes generation folders other than the live one (left by a compaction that crashed, or replaced by one that finished) and half-written pointer files.</summary>
    public void RemoveStale()
    {
        string current = Current;
        foreach (string temporary in Directory.EnumerateFiles(collectionDirectory, $"{PointerFileName}.*.tmp"))
            File.Delete(temporary);
        foreach (string folder in Directory.EnumerateDirectories(collectionDirectory, $"{Prefix}*"))
        {
            if (!string.Equals(Path.GetFullPath(folder), Path.GetFullPath(current), StringComparison.Ordinal))
                Directory.Delete(folder, recursive: true);
        }
    }

    private void Point(string generation) =>
        AtomicFile.Write(Path.Combine(collectionDirectory, PointerFileName), stream => stream.Write(Encoding.UTF8.GetBytes(Path.GetFileName(generation))));

    private string Folder(int number) => Path.Combine(collectionDirectory, $"{Prefix}{number.ToString("D6", CultureInfo.InvariantCulture)}");

    private static int Number(string folder) => int.Parse(Path.GetFileName(folder)[Prefix.Length..], CultureInfo.InvariantCulture);
}
