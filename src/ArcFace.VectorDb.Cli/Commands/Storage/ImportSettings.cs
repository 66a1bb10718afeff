using ArcFace.VectorDb.Core.Quantization;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Cli.Commands.Storage;

/// <summary>What `arcvdb import` was asked to do; the index settings are null when not given (a new collection then takes the defaults, an existing one its own).</summary>
internal sealed record ImportSettings(
    DirectoryInfo Database,
    string Collection,
    FileInfo Vectors,
    FileInfo? Labels,
    FileInfo? Ids,
    bool Resume,
    Durability Durability,
    CollectionMetric? Metric,
    int? M,
    int? EfConstruction,
    int BatchSize,
    VectorQuantization? Quantization = null);
