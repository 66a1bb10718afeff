using System.CommandLine;
using ArcFace.VectorDb.Core.Hnsw;

namespace ArcFace.VectorDb.Cli.Commands;

/// <summary>The HNSW build options every command shares, with the index's own defaults and ranges.</summary>
internal static class IndexOptions
{
    /// <summary>--m: links per node on the upper levels.</summary>
    public static Option<int> M(string description) =>
        new Option<int>("--m") { Description = description, DefaultValueFactory = _ => HnswOptions.DefaultM }.Between(2, HnswOptions.MaxM);

    /// <summary>--ef-construction: the candidate list while building.</summary>
    public static Option<int> EfConstruction(string description) =>
        new Option<int>("--ef-construction") { Description = description, DefaultValueFactory = _ => HnswOptions.DefaultEfConstruction }.Between(1, HnswOptions.MaxEfConstruction);
}
