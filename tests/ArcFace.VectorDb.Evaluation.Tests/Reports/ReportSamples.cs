using ArcFace.VectorDb.Evaluation.Ann;
using ArcFace.VectorDb.Evaluation.Retrieval;
using ArcFace.VectorDb.Evaluation.Verification;

namespace ArcFace.VectorDb.Evaluation.Tests.Reports;

/// <summary>Reports with known figures for the report writers to render.</summary>
internal static class ReportSamples
{
    /// <summary>An ANN benchmark built in 3.25 s with the given runs.</summary>
    public static AnnReport Ann(params AnnRun[] runs) => new()
    {
        Dataset = "synthetic-5k",
        N = 5000,
        Dim = 64,
        Queries = 200,
        K = 10,
        M = 16,
        EfConstruction = 200,
        Metric = "InnerProduct",
        Layout = "Interleaved",
        LinkStrandedNodes = true,
        Threads = 2,
        BuildSeconds = 3.25,
        IndexBytes = 2_345_678,
        MemoryRatio = 1.0625,
        GroundTruth = "exact search",
        Runs = runs,
    };

    /// <summary>A sweep of four ef settings: recall up, QPS down.</summary>
    public static AnnReport AnnSweep() => Ann(
        new AnnRun(10, 0.7125, 41234.6, 21.4, 60.2),
        new AnnRun(32, 0.9050, 18100.2, 50.3, 120.9),
        new AnnRun(128, 0.9875, 6400.7, 150.1, 310.5),
        new AnnRun(512, 0.9995, 1900.1, 500.0, 900.0));

    /// <summary>A retrieval evaluation over K = 1, 5, 10, with HNSW figures when <paramref name="withHnsw"/>.</summary>
    public static RetrievalReport Retrieval(bool withHnsw) => new()
    {
        Dataset = "fashion-mnist",
        Queries = 1000,
        Gallery = 9000,
        QueriesWithoutRelevant = 3,
        ApMode = "ir",
        RecallAt = new Dictionary<string, double> { ["10"] = 97.5, ["1"] = 82.25, ["5"] = 94.126 },
        MapAt = new Dictionary<string, double> { ["1"] = 82.25, ["5"] = 61.5, ["10"] = 55.75 },
        Rank1 = 82.5,
        Hnsw = withHnsw
            ? new HnswRetrievalScores(64, new Dictionary<string, double> { ["1"] = 81.75, ["5"] = 93.5, ["10"] = 96.876 }, new Dictionary<string, double> { ["1"] = 81.75, ["5"] = 60.25, ["10"] = 54.5 }, 82.0)
            : null,
    };

    /// <summary>A verification evaluation of 598 scored pairs: TAR measured at FAR 1e-1 and 1e-2 only, and a ROC of seven points.</summary>
    public static VerificationEvaluation Verification() => new(
        new VerificationSource("lfw-sample", "/data/lfw/pairs.txt", PairsListed: 600, PairsLeftOut: 2, Images: 1100, UnusableImages: 1),
        new VerificationReport(598, 299, 10, 99.25, 0.5, 0.3154, new Dictionary<string, TarAtFarScore?>
        {
            ["1e-1"] = new(99.9, 0.2, 0.0981), ["1e-2"] = new(98.456, 1.1, 0.00952), ["1e-3"] = null, ["1e-4"] = null,
        }),
        0.6213, 0.0312,
        [new(1, 0, 0), new(0.6, 0.001, 80), new(0.5, 0.005, 95), new(0.4, 0.01, 98.5), new(0.3, 0.1, 99.9), new(0.1, 0.5, 100), new(-0.5, 1, 100)]);

    /// <summary>A verification evaluation of same pairs only: the metrics exist, a ROC does not.</summary>
    public static VerificationEvaluation VerificationWithoutDifferentPairs() => Verification() with
    {
        Metrics = new VerificationReport(20, 20, 2, 100, 0, 0.2, new Dictionary<string, TarAtFarScore?> { ["1e-1"] = null, ["1e-2"] = null, ["1e-3"] = null, ["1e-4"] = null }),
        DifferentMeanSimilarity = null,
        Roc = [],
    };
}
