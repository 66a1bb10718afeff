using System.Text.Json;

namespace ArcFace.VectorDb.Embedding.Ingest;

/// <summary>An ingest's error report: a JSON line per unusable file, written from the first one on (a clean run leaves no file); the first entries also kept in memory.</summary>
public sealed class ErrorReport : IDisposable
{
    private readonly Lock gate = new();
    private readonly List<(string Path, string Reason)> kept = [];
    private readonly int keepLimit;
    private readonly string file;
    private StreamWriter? writer;
    private int count;

    /// <summary>A report to be written at <paramref name="path"/> (an earlier file there is removed); keeps the first <paramref name="keepInMemory"/> entries in memory too.</summary>
    public ErrorReport(string path, int keepInMemory = 0)
    {
        keepLimit = keepInMemory;
        file = Path.GetFullPath(path);
        if (File.Exists(file))
            File.Delete(file);
    }

    /// <summary>The report's full path once it holds an entry; null while there is no file.</summary>
    public string? WrittenPath => Count > 0 ? file : null;

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

    /// <summary>Adds one unusable file and why, creating the report at the first.</summary>
    public void Add(string path, string reason)
    {
        string line = JsonSerializer.Serialize(new Entry(path, reason), EntryContext.Default.Entry);
        lock (gate)
        {
            writer ??= Create();
            writer.WriteLine(line);
            if (kept.Count < keepLimit)
                kept.Add((path, reason));
            count++;
        }
    }

    /// <summary>Closes the file; true when the report holds entries (a report without any was never written).</summary>
    public bool Close()
    {
        Dispose();
        return Count > 0;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (gate)
            writer?.Dispose();
    }

    private StreamWriter Create()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        return new StreamWriter(file, append: false) { AutoFlush = true };
    }

    /// <summary>One line of the report.</summary>
    internal sealed record Entry(string Path, string Reason);
}
