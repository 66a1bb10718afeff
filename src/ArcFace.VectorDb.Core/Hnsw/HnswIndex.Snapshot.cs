using ArcFace.VectorDb.Core.IO;
using ArcFace.VectorDb.Core.Hashing;

namespace ArcFace.VectorDb.Core.Hnsw;

/// <summary>
/// Snapshots: the header, then the raw chunk regions (vectors, links, ids, levels, states, and the stranded-node
/// link state when the index keeps it) and the upper-level
/// arena in bulk, then a CRC-32C over all of it and an end marker. Loading reads the regions straight into the
/// index's native memory, then checks every link before the index is handed out.
/// </summary>
public sealed unsafe partial class HnswIndex
{
    /// <summary>Writes a snapshot of the whole index; inserts and deletes wait meanwhile, searches do not.</summary>
    public void Save(Stream stream)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        mutationGate.EnterWriteLock();
        try
        {
            var (entryNode, entryLevel) = innerProductGraph?.Entry ?? euclideanGraph!.Entry;
            var header = new SnapshotHeader(Options, Dimension, store.NodeCount, entryNode, entryLevel, store.ChunkShift, arena.Used, arena.ChunkShift);
            Span<byte> buffer = stackalloc byte[SnapshotHeader.Size];
            header.Write(buffer);
            stream.Write(buffer);
            uint crc = Crc32C.Append(Crc32C.Seed, buffer);
            foreach (var (address, length) in Regions(header.NodeCount))
            {
                var bytes = new ReadOnlySpan<byte>((void*)address, checked((int)length));
                stream.Write(bytes);
                crc = Crc32C.Append(crc, bytes);
            }
            Span<byte> trailer = stackalloc byte[SnapshotHeader.TrailerSize];
            trailer.Clear();
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(trailer, Crc32C.Finish(crc));
            SnapshotHeader.EndMagic.CopyTo(trailer[8..]);
            stream.Write(trailer);
        }
        finally
        {
            mutationGate.ExitWriteLock();
        }
    }

    /// <summary>Writes a snapshot atomically: to a temporary file beside <paramref name="path"/>, flushed to disk, then renamed over it.</summary>
    public void SaveToFile(string path) => AtomicFile.Write(path, Save);

    /// <summary>Loads a snapshot file written by <see cref="SaveToFile"/>.</summary>
    public static HnswIndex LoadFromFile(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Load(file, path);
    }

    /// <summary>Loads a snapshot; a truncated, corrupt or incompatible one throws <see cref="SnapshotFormatException"/>. <paramref name="source"/> names it in messages.</summary>
    public static HnswIndex Load(Stream stream, string source = "snapshot")
    {
        Span<byte> buffer = stackalloc byte[SnapshotHeader.Size];
        ReadExactly(stream, buffer, source, "header");
        var header = SnapshotHeader.Read(buffer, source);
        var index = new HnswIndex(header.Dimension, header.Options, header.NodeChunkShift, header.ArenaChunkShift);
        try
        {
            index.ReadBody(stream, header, Crc32C.Append(Crc32C.Seed, buffer), source);
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    private void ReadBody(Stream stream, SnapshotHeader header, uint crc, string source)
    {
        if (stream.CanSeek && stream.Length - stream.Position < (long)header.NodeCount * header.Dimension * sizeof(float))
            throw new SnapshotFormatException($"{source} is truncated: {header.NodeCount} vectors of {header.Dimension} floats do not fit in its {stream.Length} bytes.");
        store.Reserve(header.NodeCount);
        arena.Reserve(header.ArenaInts);
        var regions = Regions(header.NodeCount);
        if (stream.CanSeek)
        {
            long expected = SnapshotHeader.Size + SnapshotHeader.TrailerSize;
            foreach (var region in regions)
                expected += region.Length;
            long actual = stream.Length - stream.Position + SnapshotHeader.Size;
            if (actual != expected)
                throw new SnapshotFormatException($"{source} is {(actual < expected ? "truncated" : "too long")}: {header.NodeCount} nodes need {expected} bytes, found {actual}.");
        }
        foreach (var (address, length) in regions)
        {
            var bytes = new Span<byte>((void*)address, checked((int)length));
            ReadExactly(stream, bytes, source, "index data");
            crc = Crc32C.Append(crc, bytes);
        }
        Span<byte> trailer = stackalloc byte[SnapshotHeader.TrailerSize];
        ReadExactly(stream, trailer, source, "checksum");
        uint stored = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        if (!trailer[8..].SequenceEqual(SnapshotHeader.EndMagic))
            throw new SnapshotFormatException($"{source} has no end marker: the file is damaged.");
        if (stored != Crc32C.Finish(crc))
            throw new SnapshotFormatException($"{source} is corrupt: checksum 0x{Crc32C.Finish(crc):x8} does not match the stored 0x{stored:x8}.");
        new SnapshotValidator(store, arena, header, source).Validate();
        RebuildIdMap(header.NodeCount, source);
        if (innerProductGraph is not null)
            innerProductGraph.Entry = (header.EntryNode, header.EntryLevel);
        else
            euclideanGraph!.Entry = (header.EntryNode, header.EntryLevel);
    }

    private void RebuildIdMap(int nodeCount, string source)
    {
        nodesById.EnsureCapacity(nodeCount);
        for (int node = 0; node < nodeCount; node++)
        {
            if (store.State(node) != NodeState.Live)
            {
                tombstones++;
                continue;
            }
            if (!nodesById.TryAdd(store.Id(node), node))
                throw new SnapshotFormatException($"{source} is corrupt: id {store.Id(node)} is live in two nodes.");
        }
    }

    private List<(nint Address, long Length)> Regions(int nodeCount)
    {
        var regions = new List<(nint Address, long Length)>();
        for (int chunk = 0; (long)chunk << store.ChunkShift < nodeCount; chunk++)
            store.AddPersistentRegions(chunk, Math.Min(store.ChunkSize, nodeCount - (chunk << store.ChunkShift)), Options.LinkStrandedNodes, regions);
        arena.AddPersistentRegions(regions);
        return regions;
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string source, string what)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException)
        {
            throw new SnapshotFormatException($"{source} is truncated: it ends inside the {what}.");
        }
    }
}
