using System.Text;
using ArcFace.VectorDb.Server.Observability;
using ArcFace.VectorDb.Server.Services;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Server.Tests.Observability;

/// <summary>ServerMetrics alone: the counters other RPCs call, and collection gauges that follow the database.</summary>
public class ServerMetricsTests
{
    [Fact]
    public async Task ImagesIngested_adds_up_per_collection_and_gauges_of_dropped_collections_disappear()
    {
        using var directory = new TempDirectory();
        await using var database = VectorDatabase.Create(directory.File("db"));
        database.CreateCollection(new CollectionSettings { Name = "gallery", Dimension = 4 });
        var metrics = new ServerMetrics(new DatabaseDescriptions(database));

        metrics.ImagesIngested("gallery", 5);
        metrics.ImagesIngested("gallery", 2);
        metrics.ImagesIngested("other", 1);
        var before = await Scrape(metrics);
        await database.DropCollectionAsync("gallery");
        var after = await Scrape(metrics);

        Assert.Contains("arcvdb_images_ingested_total{collection=\"gallery\"} 7", before);
        Assert.Contains("arcvdb_images_ingested_total{collection=\"other\"} 1", before);
        Assert.Contains("arcvdb_collection_points{collection=\"gallery\"} 0", before);
        Assert.DoesNotContain(after, line => line.StartsWith("arcvdb_collection_", StringComparison.Ordinal));
    }

    private static async Task<string[]> Scrape(ServerMetrics metrics)
    {
        using var text = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(text);
        return Encoding.UTF8.GetString(text.ToArray()).Split('\n');
    }
}
