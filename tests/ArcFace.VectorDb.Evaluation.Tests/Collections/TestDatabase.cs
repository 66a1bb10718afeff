using ArcFace.VectorDb.Core.Quantization;
using ArcFace.VectorDb.Evaluation.Retrieval;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Storage.Log;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Evaluation.Tests.Collections;

/// <summary>A real database in a temporary directory, with labelled rows loaded into collections; disposing closes and deletes it.</summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly TempDirectory directory = new();

    /// <summary>Creates the database.</summary>
    public TestDatabase() =>
        Database = VectorDatabase.Create(directory.File("db"), new CollectionOptions { SnapshotEveryRecords = 0, SnapshotOnClose = false });

    /// <summary>The database.</summary>
    public VectorDatabase Database { get; }

    /// <summary>A folder beside the database (for job files and reports).</summary>
    public string Folder(string name) => directory.File(name);

    /// <summary>Creates a collection holding every row under its id, its first label as the record's label (empty when it has none).</summary>
    public async Task<VectorCollection> CollectionAsync(string name, LabeledRows rows, CollectionMetric metric = CollectionMetric.Cosine, int m = 16, int efConstruction = 200,
        VectorQuantization quantization = VectorQuantization.None)
    {
        var collection = Database.CreateCollection(new CollectionSettings { Name = name, Dimension = rows.Dimension, Metric = metric, M = m, EfConstruction = efConstruction, Quantization = quantization });
        var records = Enumerable.Range(0, rows.Count)
            .Select(i => LogRecord.Upsert(rows.Ids[i], rows.Row(i).ToArray(), rows.Labels[i].FirstOrDefault() ?? ""))
            .ToList();
        await collection.UpsertAsync(records);
        return collection;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        directory.Dispose();
    }
}
