namespace ArcFace.VectorDb.Evaluation.Retrieval;

/// <summary>
/// The gallery a retrieval evaluation ranks, by gallery index (0 to <see cref="Count"/> − 1): the labels of its items,
/// their ids, and exact search over them. Rows in memory (<see cref="LabeledRowsGallery"/>) or a sharded collection
/// whose vectors stay on its shards.
/// </summary>
public interface IRetrievalGallery
{
    /// <summary>Items in the gallery.</summary>
    int Count { get; }

    /// <summary>Floats per vector.</summary>
    int Dimension { get; }

    /// <summary>The labels of each item, by gallery index.</summary>
    IReadOnlyList<string[]> Labels { get; }

    /// <summary>The gallery index of the item with <paramref name="id"/>, or −1 when the gallery has none.</summary>
    int IndexOf(ulong id);

    /// <summary>
    /// For each row of <paramref name="queries"/>, the gallery indices of its best <paramref name="width"/> items by exact
    /// search, best first (ties by the lower id), row after row into <paramref name="ranked"/>; −1 fills a row's tail when fewer.
    /// </summary>
    void RankExact(ReadOnlySpan<float> queries, int width, int threads, Span<int> ranked);
}
