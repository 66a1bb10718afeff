using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Storage.Tests.Collections;

public class VectorDatabaseTests
{
    [Fact]
    public async Task Collections_are_created_listed_reopened_and_dropped()
    {
        using var dir = new TempDirectory();
        await using (var database = VectorDatabase.Create(dir.Path))
        {
            database.CreateCollection(new CollectionSettings { Name = "faces", Dimension = 4, Model = "w600k_r50.onnx" });
            database.CreateCollection(new CollectionSettings { Name = "shop", Dimension = 8, Metric = CollectionMetric.L2 });
            Assert.Equal(["faces", "shop"], database.CollectionNames());
        }

        await using var reopened = VectorDatabase.Open(dir.Path);
        var faces = reopened.GetCollection("faces");
        Assert.Equal((4, CollectionMetric.Cosine, "w600k_r50.onnx"), (faces.Settings.Dimension, faces.Settings.Metric, faces.Settings.Model));
        Assert.True(await reopened.DropCollectionAsync("faces"));
        Assert.False(await reopened.DropCollectionAsync("faces"));
        Assert.Equal(["shop"], reopened.CollectionNames());
    }

    [Fact]
    public async Task Unknown_duplicate_and_badly_named_collections_are_refused_with_clear_messages()
    {
        using var dir = new TempDirectory();
        await using var database = VectorDatabase.Create(dir.Path);
        database.CreateCollection(new CollectionSettings { Name = "faces", Dimension = 4 });

        Assert.Contains("No collection 'cars'", Assert.Throws<CollectionNotFoundException>(() => database.GetCollection("cars")).Message);
        Assert.Contains("it has faces", Assert.Throws<CollectionNotFoundException>(() => database.GetCollection("cars")).Message);
        Assert.Contains("already exists", Assert.Throws<CollectionExistsException>(() => database.CreateCollection(new CollectionSettings { Name = "faces", Dimension = 4 })).Message);
        Assert.Contains("not a valid collection name", Assert.Throws<ArgumentException>(() => database.CreateCollection(new CollectionSettings { Name = "../x", Dimension = 4 })).Message);
        Assert.Contains("dimension 0", Assert.Throws<ArgumentException>(() => database.CreateCollection(new CollectionSettings { Name = "z", Dimension = 0 })).Message);
    }

    [Fact]
    public void A_directory_that_is_not_a_database_or_comes_from_a_newer_version_is_refused()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("notes.txt"), "hello");

        Assert.Contains("is not an ArcFace.VectorDb database", Assert.Throws<StorageException>(() => VectorDatabase.Open(dir.Path)).Message);
        Assert.Contains("is not empty", Assert.Throws<StorageException>(() => VectorDatabase.Create(dir.Path)).Message);
        File.WriteAllText(dir.File(VectorDatabase.MarkerFileName), "{\"format_version\": 99}");
        Assert.Contains("newer format version (99", Assert.Throws<StorageException>(() => VectorDatabase.Open(dir.Path)).Message);
        File.WriteAllText(dir.File(VectorDatabase.MarkerFileName), "{not json");
        Assert.Contains("is damaged", Assert.Throws<StorageException>(() => VectorDatabase.Open(dir.Path)).Message);
    }

    [Fact]
    public async Task A_missing_or_newer_manifest_is_a_clear_message_and_the_log_is_left_alone()
    {
        using var dir = new TempDirectory();
        await using (var database = VectorDatabase.Create(dir.Path))
            await database.CreateCollection(new CollectionSettings { Name = "faces", Dimension = 2 }).UpsertAsync([Storage.Log.LogRecord.Upsert(1, new float[] { 1, 0 })]);
        string collection = Path.Combine(dir.Path, "collections", "faces");
        string manifest = Path.Combine(collection, CollectionManifest.FileName);
        string saved = File.ReadAllText(manifest);

        File.WriteAllText(manifest, saved.Replace("\"format_version\": 1", "\"format_version\": 7"));
        Assert.Contains("newer format version (7", Assert.Throws<StorageException>(() => VectorCollection.Open(collection)).Message);
        File.Delete(manifest);
        Assert.Contains("has no manifest.json", Assert.Throws<StorageException>(() => VectorCollection.Open(collection)).Message);
        Assert.NotEmpty(Directory.GetFiles(collection, "records.log*", SearchOption.AllDirectories));

        File.WriteAllText(manifest, saved);
        await using var restored = VectorCollection.Open(collection);
        Assert.Equal(1, restored.Count);
    }
}
