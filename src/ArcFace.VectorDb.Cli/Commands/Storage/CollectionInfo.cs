using ArcFace.VectorDb.Core.Quantization;
using ArcFace.VectorDb.Evaluation.Reports;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Cli.Commands.Storage;

/// <summary>
/// One collection as `arcvdb info` reports it: what it is, its size on disk, its index (nodes include the tombstones of
/// deleted or replaced points until a compaction; bytes held in memory, and for a quantised index the bytes of its
/// re-rank file apart) and its thumbnails.
/// </summary>
internal sealed record CollectionInfo(
    string Name, int Count, int Dim, string Metric, long Bytes, double? SnapshotAgeSeconds, int M, int EfConstruction, string? Model, string? Preprocessing, string? Detector, string? Provider,
    int IndexNodes, int IndexTombstones, long IndexBytes, int Thumbnails, long ThumbnailBytes, IReadOnlyList<string> Warnings, string Quantization = "none", long RerankBytes = 0)
{
    /// <summary>Reads the figures of an open collection.</summary>
    public static CollectionInfo Of(VectorCollection collection)
    {
        var settings = collection.Settings;
        var index = collection.IndexSize;
        var thumbnails = collection.Thumbnails;
        double? age = collection.LastSnapshotUtc is { } written ? (DateTime.UtcNow - written).TotalSeconds : null;
        return new CollectionInfo(settings.Name, index.Live, settings.Dimension, MetricNames.Of(settings.Metric), collection.DiskBytes, age,
            settings.M, settings.EfConstruction, settings.Model, settings.Preprocessing, settings.Detector, settings.Provider, index.Nodes, index.Tombstones, index.MemoryBytes,
            thumbnails.Count, thumbnails.Bytes, collection.Recovery.Warnings, settings.Quantization.Name(), index.RerankBytes);
    }
}
