using System.CommandLine;
using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Core.Quantization;

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

    /// <summary>--quantization: how the index holds vectors in memory.</summary>
    public static Option<VectorQuantization> Quantization(string description)
    {
        var option = new Option<VectorQuantization>("--quantization")
        {
            Description = $"{description} {VectorQuantizationNames.All}: none keeps float32 vectors in the graph; int8 (1 byte per dimension) and binary (1 bit) build and search the graph on codes and re-rank the best candidates with the exact vectors, kept in a file beside the index.",
            DefaultValueFactory = _ => VectorQuantization.None,
        };
        option.AcceptOnlyFromAmong([.. Enum.GetValues<VectorQuantization>().Select(kind => kind.Name())]);
        return option;
    }

    /// <summary>--oversampling: candidates re-ranked exactly per result in a quantised index.</summary>
    public static Option<float?> Oversampling(string description)
    {
        var option = new Option<float?>("--oversampling") { Description = $"{description} A quantised index re-scores the best ⌈oversampling·k⌉ candidates with exact vectors (default {HnswIndex.DefaultOversampling(VectorQuantization.Int8)} for int8, {HnswIndex.DefaultOversampling(VectorQuantization.Binary)} for binary); ignored without quantisation." };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<float?>() is { } value && !(value >= 1f && value <= HnswIndex.MaxOversampling))
                result.AddError($"--oversampling must be between 1 and {HnswIndex.MaxOversampling}; got {value}.");
        });
        return option;
    }
}
