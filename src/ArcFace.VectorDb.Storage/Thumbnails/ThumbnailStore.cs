using System.Buffers.Binary;
using ArcFace.VectorDb.Core.Hashing;
using Microsoft.Win32.SafeHandles;

namespace ArcFace.VectorDb.Storage.Thumbnails;

/// <summary>
/// A generation's small images per point in one append-only file of records [id u64, length i32, CRC32C u32, bytes]
/// (length −1: the id's thumbnail was removed). An id → place map is rebuilt by scanning on open, where a torn or
/// damaged tail is cut off (left alone when read-only); a later record of an id supersedes earlier ones, and
/// compaction rewrites the file with live ids only. Thread-safe: appends are serialised, reads are positional.
/// </summary>
public sealed class ThumbnailStore : IDisposable
{
    /// <summary>The store's file name inside a generation folder.</summary>
    public const string FileName = "thumbnails.bin";

    /// <summary>The largest thumbnail accepted, in bytes.</summary>
    public const int MaxBytes = 1 << 20;

    private const int HeaderBytes = 16;
    private const int Removed = -1;

    private readonly object appending = new();
    private readonly Dictionary<ulong, (long Offset, int Length)> places = [];
    private readonly SafeFileHandle? file;
    private readonly bool readOnly;
    private long tail;
    private long bytes;

    private ThumbnailStore(SafeFileHandle? file, bool readOnly)
    {
        this.file = file;
        this.readOnly = readOnly;
    }

    /// <summary>Opens (or creates) the store in <paramref name="folder"/>; read-only opens never write, and a missing file is an empty store.</summary>
    public static ThumbnailStore Open(string folder, bool readOnly, List<string> warnings)
    {
        string path = Path.Combine(folder, FileName);
        if (readOnly && !File.Exists(path))
            return new ThumbnailStore(null, readOnly);
        Directory.CreateDirectory(folder);
        var handle = File.OpenHandle(path, readOnly ? FileMode.Open : FileMode.OpenOrCreate, readOnly ? FileAccess.Read : FileAccess.ReadWrite, readOnly ? FileShare.ReadWrite : FileShare.Read);
        var store = new ThumbnailStore(handle, readOnly);
        try
        {
            store.Load(warnings);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>How many ids have a thumbnail, and the bytes of those images.</summary>
    public ThumbnailStats Stats
    {
        get
        {
            lock (appending)
                return new ThumbnailStats(places.Count, bytes);
        }
    }

    /// <summary>Stores the thumbnails (each superseding an earlier one of its id) and hands them to the operating system.</summary>
    public void Put(IReadOnlyList<(ulong Id, byte[] Image)> thumbnails)
    {
        foreach (var (id, image) in thumbnails)
        {
            if (image.Length is 0 or > MaxBytes)
                throw new ArgumentException($"The thumbnail of point {id} has {image.Length} bytes; 1 to {MaxBytes} are accepted.", nameof(thumbnails));
        }
        lock (appending)
        {
            foreach (var (id, image) in thumbnails)
                Append(id, image);
        }
    }

    /// <summary>Removes the thumbnails of <paramref name="ids"/> (those that have none are skipped).</summary>
    public void Remove(IEnumerable<ulong> ids)
    {
        lock (appending)
        {
            foreach (ulong id in ids)
            {
                if (places.ContainsKey(id))
                    Append(id, null);
            }
        }
    }

    /// <summary>The thumbnail of <paramref name="id"/>, or null when it has none.</summary>
    public byte[]? TryGet(ulong id)
    {
        (long Offset, int Length) place;
        lock (appending)
        {
            if (!places.TryGetValue(id, out place))
                return null;
        }
        var image = new byte[place.Length];
        RandomAccess.Read(file!, image, place.Offset);
        return image;
    }

    /// <summary>Writes a store in <paramref name="folder"/> holding this one's thumbnails of <paramref name="live"/> only, and returns it open.</summary>
    public ThumbnailStore CopyLive(string folder, IEnumerable<ulong> live)
    {
        var copy = Open(folder, readOnly: false, []);
        try
        {
            foreach (ulong id in live)
            {
                if (TryGet(id) is { } image)
                    copy.Put([(id, image)]);
            }
            RandomAccess.FlushToDisk(copy.file!);
            return copy;
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }

    /// <summary>Forgets, in memory only, the thumbnails of ids <paramref name="isLive"/> rejects (a delete whose removal a crash cut off).</summary>
    public void Retain(Func<ulong, bool> isLive)
    {
        lock (appending)
        {
            foreach (var (id, place) in places.ToArray())
            {
                if (!isLive(id))
                {
                    places.Remove(id);
                    bytes -= place.Length;
                }
            }
        }
    }

    /// <summary>Flushes the file to disk and closes it.</summary>
    public void Dispose()
    {
        if (file is null || file.IsClosed)
            return;
        if (!readOnly)
            RandomAccess.FlushToDisk(file);
        file.Dispose();
    }

    /// <summary>Under the append lock: writes one record at the tail and updates the map (a null image removes the id).</summary>
    private void Append(ulong id, byte[]? image)
    {
        var record = new byte[HeaderBytes + (image?.Length ?? 0)];
        BinaryPrimitives.WriteUInt64LittleEndian(record, id);
        BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(8), image?.Length ?? Removed);
        if (image is not null)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(12), Crc32C.Compute(image));
            image.CopyTo(record.AsSpan(HeaderBytes));
        }
        RandomAccess.Write(file!, record, tail);
        Place(id, image is null ? null : (tail + HeaderBytes, image.Length));
        tail += record.Length;
    }

    private void Place(ulong id, (long Offset, int Length)? place)
    {
        if (places.Remove(id, out var old))
            bytes -= old.Length;
        if (place is { } now)
        {
            places[id] = now;
            bytes += now.Length;
        }
    }

    /// <summary>Scans the file, building the map; a record that is cut short or fails its checksum ends the scan and, unless read-only, the file.</summary>
    private void Load(List<string> warnings)
    {
        long length = RandomAccess.GetLength(file!);
        var header = new byte[HeaderBytes];
        while (tail < length)
        {
            if (length - tail < HeaderBytes || RandomAccess.Read(file!, header, tail) < HeaderBytes)
                break;
            ulong id = BinaryPrimitives.ReadUInt64LittleEndian(header);
            int size = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
            if (size == Removed)
            {
                Place(id, null);
                tail += HeaderBytes;
                continue;
            }
            if (size is <= 0 or > MaxBytes || length - tail - HeaderBytes < size)
                break;
            var image = new byte[size];
            RandomAccess.Read(file!, image, tail + HeaderBytes);
            if (Crc32C.Compute(image) != BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(12)))
                break;
            Place(id, (tail + HeaderBytes, size));
            tail += HeaderBytes + size;
        }
        if (tail == length)
            return;
        warnings.Add($"the thumbnail file ends in {length - tail} bytes of a torn or damaged record at {tail}; {(readOnly ? "ignored" : "cut off")}.");
        if (!readOnly)
            RandomAccess.SetLength(file!, tail);
    }
}
