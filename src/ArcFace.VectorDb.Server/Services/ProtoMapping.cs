using ArcFace.VectorDb.Core.Quantization;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Storage.Log;

namespace ArcFace.VectorDb.Server.Services;

/// <summary>Conversions between the API's messages and the storage types.</summary>
internal static class ProtoMapping
{
    /// <summary>The API metric of a collection metric.</summary>
    public static Metric ToProto(this CollectionMetric metric) => metric switch
    {
        CollectionMetric.L2 => Metric.L2,
        CollectionMetric.InnerProduct => Metric.InnerProduct,
        _ => Metric.Cosine,
    };

    /// <summary>The collection metric of an API metric (unspecified is cosine).</summary>
    public static CollectionMetric FromProto(this Metric metric) => metric switch
    {
        Metric.L2 => CollectionMetric.L2,
        Metric.InnerProduct => CollectionMetric.InnerProduct,
        Metric.Unspecified or Metric.Cosine => CollectionMetric.Cosine,
        _ => throw RequestChecks.Invalid($"Unknown metric {metric}."),
    };

    /// <summary>The API quantisation of an index quantisation.</summary>
    public static Quantization ToProto(this VectorQuantization quantization) => quantization switch
    {
        VectorQuantization.Int8 => Quantization.Int8,
        VectorQuantization.Binary => Quantization.Binary,
        _ => Quantization.None,
    };

    /// <summary>The index quantisation of an API quantisation (unspecified is none).</summary>
    public static VectorQuantization FromProto(this Quantization quantization) => quantization switch
    {
        Quantization.Int8 => VectorQuantization.Int8,
        Quantization.Binary => VectorQuantization.Binary,
        Quantization.Unspecified or Quantization.None => VectorQuantization.None,
        _ => throw RequestChecks.Invalid($"Unknown quantization {quantization}."),
    };

    /// <summary>A collection's description.</summary>
    public static CollectionInfo Info(VectorCollection collection)
    {
        var settings = collection.Settings;
        var thumbnails = collection.Thumbnails;
        var index = collection.IndexSize;
        return new CollectionInfo
        {
            Name = settings.Name, Count = (ulong)collection.Count, Dimension = (uint)settings.Dimension, Metric = settings.Metric.ToProto(),
            M = (uint)settings.M, EfConstruction = (uint)settings.EfConstruction, Model = settings.Model ?? "", Preprocessing = settings.Preprocessing ?? "",
            Provider = settings.Provider ?? "", DiskBytes = (ulong)Math.Max(0, collection.DiskBytes), Detector = settings.Detector ?? "",
            Thumbnails = (ulong)thumbnails.Count, ThumbnailBytes = (ulong)thumbnails.Bytes,
            Quantization = settings.Quantization.ToProto(), IndexMemoryBytes = (ulong)index.MemoryBytes, RerankBytes = (ulong)index.RerankBytes, Shards = 1,
        };
    }

    /// <summary>The description of every collection in <paramref name="database"/>, in name order.</summary>
    public static IEnumerable<CollectionInfo> Infos(VectorDatabase database)
    {
        foreach (string name in database.CollectionNames())
        {
            if (database.TryGetCollection(name) is { } collection)
                yield return Info(collection);
        }
    }

    /// <summary>The log record of an API point (its vector is checked by the collection it is written to).</summary>
    public static LogRecord Record(Point point) =>
        LogRecord.Upsert(point.Id, point.Vector.ToArray(), point.Label, point.Source, [.. point.Attributes]);

    /// <summary>The API point of an upsert record (what <see cref="Record"/> reads back).</summary>
    public static Point ToProto(this LogRecord record)
    {
        var point = new Point { Id = record.Id, Label = record.Label, Source = record.Source };
        foreach (var (key, value) in record.Attributes)
            point.Attributes[key] = value;
        point.Vector.AddRange(record.Vector.ToArray());
        return point;
    }

    /// <summary>The API point of a stored record.</summary>
    public static Point ToProto(this StoredRecord record, bool withVector)
    {
        var point = new Point { Id = record.Id, Label = record.Label, Source = record.Source };
        foreach (var (key, value) in record.Attributes)
            point.Attributes[key] = value;
        if (withVector)
            point.Vector.AddRange(record.Vector);
        return point;
    }

    /// <summary>The API hit of a search result (the vector read back when asked for).</summary>
    public static Hit ToProto(this CollectionHit hit, VectorCollection collection, bool withVector)
    {
        var result = new Hit { Id = hit.Id, Score = hit.Score, Label = hit.Label, Source = hit.Source };
        foreach (var (key, value) in hit.Attributes)
            result.Attributes[key] = value;
        if (withVector && collection.Get(hit.Id) is { } stored)
            result.Vector.AddRange(stored.Vector);
        return result;
    }
}
