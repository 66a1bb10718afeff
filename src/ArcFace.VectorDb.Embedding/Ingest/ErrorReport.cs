using System.Text.Json;

namespace ArcFace.VectorDb.Embedding.Ingest;

/// <summary>
/// The error report of an ingest: one JSON object per unusable file ({"path": …, "reason": …}), written as they happen;
/// the first entries are also kept in memory for callers that send them on (a gRPC summary).
/// </summary>
public sealed class ErrorReport : IDisposable
{
    private readonly StreamWriter writer;
    private readonly Lock gate = new();
    private readonly List<(string Path, string Reason)> kept = [];
    private readonly int keepLimit;
    private int count;

    /// <summary>Creates (or replaces) the report file, creating its folder; keeps the first <paramref name="keepInMemory"/> entries in memory too.</summary>
    public ErrorReport(string path, int keepInMemory = 0)
    {
        keepLimit = keepInMemory;
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        writer = new StreamWriter(Path, append: false) { AutoFlush = true };
    }

    /// <summary>The report's full path.</summary>
    public string Path { get; }

    /// <summary>Entries written so far.</summary>
    public int Count => Volatile.Read(ref count);

    /// <summary>The first entries, up to the number asked to keep in memory.</summary>
    public IReadOnlyList<(string Path, string Reason)> Kept
    {
        get
        {
            lock (gate)
                return [.. kept];
        }
    }

    /// <summary>Adds one unusable file and why.</summary>
    public void Add(string path, string reason)
    {
        string line = JsonSerializer.Serialize(new Entry(path, reason), EntryContext.Default.Entry);
        lock (gate)
        {
            writer.WriteLine(line);
            if (kept.Count < keepLimit)
                kept.Add((path, reason));
            count++;
        }
    }

    /// <summary>Closes the file and deletes it when nothing was written, so a clean run leaves no empty report; true when the report is kept.</summary>
    public bool Close()
    {
        writer.Dispose();
        if (Count > 0)
            return true;
        File.Delete(Path);
        return false;
    }

    /// <inheritdoc />
    public void Dispose() => writer.Dispose();

    /// <summary>One line of the report.</summary>
    internal sealed record Entry(string Path, string Reason);
}
