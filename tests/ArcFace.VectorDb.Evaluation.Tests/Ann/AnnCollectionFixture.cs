using ArcFace.VectorDb.Evaluation.Ann;
using ArcFace.VectorDb.Evaluation.Tests.Collections;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Evaluation.Tests.Ann;

/// <summary>
/// A 300-vector collection with sparse ids and non-default M and efConstruction, and one sweep over it, shared by the
/// tests of a class: the first sweep of an index kind in a process costs at least a second of untimed warm-up (<see cref="AnnSweep.WarmUpTime"/>).
/// </summary>
public sealed class AnnCollectionFixture : IAsyncLifetime
{
    public const int Count = 300, Dim = 16, M = 12, EfConstruction = 100;

    /// <summary>The settings of the shared sweep: 50 sampled queries, k = 10, ef from k to past the collection size.</summary>
    public static readonly CollectionAnnSettings Settings = new() { Sample = 50, K = 10, Efs = [10, 40, 400], MaxThreads = 1 };

    private readonly TestDatabase database = new();

    public VectorCollection Collection { get; private set; } = null!;

    public AnnReport Report { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var rows = RandomRows.Labeled(Count, Dim, labels: 5, seed: 21, id: i => 1_000_000 + 13 * (ulong)i);
        Collection = await database.CollectionAsync("ann", rows, m: M, efConstruction: EfConstruction);
        Report = CollectionAnnEvaluation.Run(Collection, Settings);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();
}
