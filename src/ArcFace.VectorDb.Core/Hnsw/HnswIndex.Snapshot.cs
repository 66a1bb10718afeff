using ArcFace.VectorDb.Core.IO;
using ArcFace.VectorDb.Core.Hashing;
using ArcFace.VectorDb.Core.Quantization;

namespace ArcFace.VectorDb.Core.Hnsw;

/// <summary>
/// Snapshots: the header, the encoder parameters of a quantised index, then the raw chunk regions (vectors, links, ids, levels, states, and the stranded-node
/// link state when the index keeps it) and the upper-level
/// arena in bulk, then a CRC-32C over all of it and an end marker. Loading reads the regions straight into the
/// index's native memory, then checks every link before the index is handed out. A quantised index's snapshot holds
/// its codes; its exact vectors stay in their own file, which must match (same parameters, rows that code the same).
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
            // The snapshot counts on the exact rows of its nodes: they reach the disk first.
            exact?.Flush();
            var (entryNode, entryLevel) = graph.Entry;
            byte[] parameters = encoder.Parameters();
            var header = new SnapshotHeader(Options, Dimension, store.NodeCount, entryNode, entryLevel, store.ChunkShift, arena.Used, arena.ChunkShift, parameters.Length);
            Span<byte> buffer = stackalloc byte[SnapshotHeader.Size];
            header.Write(buffer);
            stream.Write(buffer);
            stream.Write(parameters);
            uint crc = Crc32C.Append(Crc32C.Append(Crc32C.Seed, buffer), parameters);
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

    /// <summary>Loads a snapshot file written by <see cref="SaveToFile"/>; a quantised one needs its exact vectors' location.</summary>
    public static HnswIndex LoadFromFile(string path, ExactVectorLocation? exactVectors = null)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Load(file, path, exactVectors);
    }

    /// <summary>The construction parameters a snapshot file was written with (its quantisation included), read from its header alone.</summary>
    public static HnswOptions ReadOptions(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, SnapshotHeader.Size);
        Span<byte> buffer = stackalloc byte[SnapshotHeader.Size];
        ReadExactly(file, buffer, path, "header");
        return SnapshotHeader.Read(buffer, path).Options;
    }

    /// <summary>
    /// Loads a snapshot; a truncated, corrupt or incompatible one, or a quantised one whose exact-vector file is
    /// missing or does not match, throws <see cref="SnapshotFormatException"/>. <paramref name="source"/> names it in messages.
    /// </summary>
    public static HnswIndex Load(Stream stream, string source = "snapshot", ExactVectorLocation? exactVectors = null)
    {
        Span<byte> buffer = stackalloc byte[SnapshotHeader.Size];
        ReadExactly(stream, buffer, source, "header");
        var header = SnapshotHeader.Read(buffer, source);
        var parameters = new byte[header.ParameterBytes];
        ReadExactly(stream, parameters, source, "encoder parameters");
        var index = Open(header, parameters, source, exactVectors);
        try
        {
            index.ReadBody(stream, header, Crc32C.Append(Crc32C.Append(Crc32C.Seed, buffer), parameters), source);
            index.CheckExactVectors(parameters, source);
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
        if (stream.CanSeek && stream.Length - stream.Position < (long)header.NodeCount * encoder.CodeBytes)
            throw new SnapshotFormatException($"{source} is truncated: {header.NodeCount} codes of {encoder.CodeBytes} bytes do not fit in its {stream.Length} bytes.");
        store.Reserve(header.NodeCount);
        arena.Reserve(header.ArenaInts);
        var regions = Regions(header.NodeCount);
        if (stream.CanSeek)
        {
            long expected = SnapshotHeader.Size + header.ParameterBytes + SnapshotHeader.TrailerSize;
            foreach (var region in regions)
                expected += region.Length;
            long actual = stream.Length - stream.Position + SnapshotHeader.Size + header.ParameterBytes;
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
        graph.Entry = (header.EntryNode, header.EntryLevel);
    }

    /// <summary>The empty index a snapshot loads into, with its encoder restored and, when quantised, its exact-vector file open.</summary>
    private static HnswIndex Open(SnapshotHeader header, byte[] parameters, string source, ExactVectorLocation? exactVectors)
    {
        var kind = header.Options.Quantization;
        if (kind != VectorQuantization.None && exactVectors is null)
            throw new SnapshotFormatException($"{source} holds a {kind.Name()}-quantised index: it needs the file of its exact vectors to load.");
        try
        {
            // An empty snapshot may precede the training: the exact-vector file then says what was learned.
            return new HnswIndex(header.Dimension, header.Options, header.NodeChunkShift, header.ArenaChunkShift, exactVectors, header.NodeCount > 0 ? parameters : null, header.NodeCount);
        }
        catch (InvalidDataException e)
        {
            throw new SnapshotFormatException($"{source} cannot be loaded: {e.Message}");
        }
    }

    /// <summary>
    /// Checks that the exact-vector file belongs to the snapshot: learned with the same parameters, long enough, and
    /// with rows that code to the snapshot's codes (a spread sample of nodes, the last one included).
    /// </summary>
    private void CheckExactVectors(byte[] parameters, string source)
    {
        if (exact is null)
            return;
        int nodes = store.NodeCount;
        if (nodes == 0)
            return;
        if (!exact.Parameters.AsSpan().SequenceEqual(parameters))
            throw new SnapshotFormatException($"{source} and {exact.Path} were not learned together (their encoder parameters differ): the exact-vector file belongs to another index.");
        if (!exact.Holds(nodes))
            throw new SnapshotFormatException($"{exact.Path} is too short for the {nodes} nodes of {source}.");
        exact.EnsureRows(nodes);
        var code = new byte[encoder.CodeBytes];
        int step = Math.Max(1, nodes / ExactVectorChecks);
        for (int node = 0; node < nodes; node = node == nodes - 1 ? nodes : Math.Min(node + step, nodes - 1))
        {
            // A dead node may be one whose row never got written (the write failed); live ones all were.
            if (store.State(node) != NodeState.Live)
                continue;
            encoder.Encode(new ReadOnlySpan<float>(exact.Row(node), Dimension), code);
            if (!code.AsSpan().SequenceEqual(new ReadOnlySpan<byte>(store.Code(node), code.Length)))
                throw new SnapshotFormatException($"{exact.Path} does not hold the vectors of {source}: node {node}'s exact vector does not code to its stored code.");
        }
    }

    /// <summary>Nodes whose exact vector is checked against its code when a quantised snapshot loads.</summary>
    private const int ExactVectorChecks = 1024;

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
