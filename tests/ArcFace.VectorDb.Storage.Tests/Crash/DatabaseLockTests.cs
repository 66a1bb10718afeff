using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Storage.Log;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Storage.Tests.Crash;

/// <summary>One owner per database, enforced by the kernel between real processes: refused with the holder's name, released by kill -9.</summary>
public class DatabaseLockTests
{
    [Fact]
    public async Task A_database_owned_by_another_process_is_refused_with_its_pid_and_command_until_that_process_is_killed()
    {
        using var dir = new TempDirectory();
        string db = dir.File("db");
        using (var holder = await CrashWriterProcess.StartReadyAsync("hold", db, "exclusive"))
        {
            var refused = Assert.Throws<StorageException>(() => VectorDatabase.Open(db));
            Assert.Contains($"in use by process {holder.Id}", refused.Message);
            Assert.Contains("hold", refused.Message);
            Assert.Contains("gRPC API", refused.Message);
            Assert.Throws<StorageException>(() => VectorDatabase.OpenOrCreate(db));
            Assert.Contains($"process {holder.Id}", Assert.Throws<StorageException>(() => VectorDatabase.OpenReadOnly(db)).Message);

            holder.Kill(entireProcessTree: true);
            await holder.WaitForExitAsync();
        }

        await using var reopened = VectorDatabase.Open(db);
        Assert.False(reopened.IsReadOnly);
    }

    [Fact]
    public async Task Readers_share_a_database_and_keep_a_writer_out_while_they_hold_it()
    {
        using var dir = new TempDirectory();
        string db = dir.File("db");
        await using (var created = VectorDatabase.Create(db))
            created.CreateCollection(new CollectionSettings { Name = "c", Dimension = 4 });

        using var reader = await CrashWriterProcess.StartReadyAsync("hold", db, "shared");
        await using (var alsoReading = VectorDatabase.OpenReadOnly(db))
        {
            Assert.True(alsoReading.IsReadOnly);
            Assert.Equal(["c"], alsoReading.CollectionNames());
        }
        Assert.Contains($"process {reader.Id}", Assert.Throws<StorageException>(() => VectorDatabase.Open(db)).Message);

        reader.Kill(entireProcessTree: true);
        await reader.WaitForExitAsync();
        await using var owner = VectorDatabase.Open(db);
        Assert.Equal(["c"], owner.CollectionNames());
    }

    [Fact]
    public async Task A_second_owner_in_the_same_process_is_refused_and_the_lock_is_free_again_once_disposed()
    {
        using var dir = new TempDirectory();
        string db = dir.File("db");
        await using (var first = VectorDatabase.Create(db))
        {
            Assert.Contains($"in use by process {Environment.ProcessId}", Assert.Throws<StorageException>(() => VectorDatabase.Open(db)).Message);
            Assert.Throws<StorageException>(() => VectorDatabase.OpenReadOnly(db));
        }

        await using var second = VectorDatabase.Open(db);
        Assert.Empty(second.CollectionNames());
    }

    [Fact]
    public async Task A_read_only_database_changes_nothing_on_disk_and_refuses_every_write()
    {
        using var dir = new TempDirectory();
        string db = dir.File("db");
        await using (var created = VectorDatabase.Create(db))
        {
            var collection = created.CreateCollection(new CollectionSettings { Name = "c", Dimension = 4 });
            await collection.UpsertAsync([LogRecord.Upsert(1, new float[] { 1, 0, 0, 0 }, "a", "s")]);
        }
        var before = Listing(db);

        await using (var reading = VectorDatabase.OpenReadOnly(db))
        {
            var collection = reading.GetCollection("c");
            Assert.Equal(1, collection.Count);
            Assert.Single(collection.Search([1, 0, 0, 0], 1, 16));
            await Assert.ThrowsAsync<InvalidOperationException>(async () => await collection.UpsertAsync([LogRecord.Upsert(2, new float[] { 0, 1, 0, 0 }, "b", "s")]));
            await Assert.ThrowsAsync<InvalidOperationException>(() => collection.SnapshotAsync());
            Assert.Throws<InvalidOperationException>(() => reading.CreateCollection(new CollectionSettings { Name = "d", Dimension = 4 }));
            await Assert.ThrowsAsync<InvalidOperationException>(() => reading.DropCollectionAsync("c"));
        }

        Assert.Equal(before, Listing(db));
    }

    /// <summary>Every file under the database (the lock's own files aside) with its size and write time.</summary>
    private static List<string> Listing(string db) =>
        Directory.EnumerateFiles(db, "*", SearchOption.AllDirectories)
            .Where(f => !DatabaseLock.IsLockFile(f))
            .Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetRelativePath(db, f)} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f):O}")
            .ToList();
}
