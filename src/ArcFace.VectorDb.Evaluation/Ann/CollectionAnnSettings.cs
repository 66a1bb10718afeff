namespace ArcFace.VectorDb.Evaluation.Ann;

/// <summary>How the ANN quality of a collection is measured.</summary>
public sealed record CollectionAnnSettings
{
    /// <summary>How many stored vectors are drawn as queries (all when the collection holds fewer).</summary>
    public int Sample { get; init; } = 1000;

    /// <summary>The ef values swept, in order.</summary>
    public IReadOnlyList<int> Efs { get; init; } = [16, 32, 64, 128, 256];

    /// <summary>Neighbours asked for and scored.</summary>
    public int K { get; init; } = 10;

    /// <summary>Seed of the query sample.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Threads for the exact ground truth; 0 means every core (the timed searches always run on one).</summary>
    public int MaxThreads { get; init; }
}
