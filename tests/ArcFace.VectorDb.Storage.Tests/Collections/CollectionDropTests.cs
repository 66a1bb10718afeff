using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Storage.Log;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Storage.Tests.Collections;

/// <summary>Drop and create are atomic with respect to every other call on the name: nothing reopens a dropped collection or writes into its files.</summary>
public class CollectionDropTests
{
    private const int Dim = 8;
    private static readonly CollectionOptions Options = new() { SnapshotEveryRecords = 0 };

    private static LogRecord Record(int id) =>
        LogRecord.Upsert((ulong)id, Enumerable.Range(0, Dim).Select(j => MathF.Sin(id * 13 + j) + 1.5f).ToArray(), $"l{id % 3}", $"s/{id}");

    private static async Task<VectorDatabase> DatabaseWithCollectionAsync(TempDirectory dir, int records)
    {
        var database = VectorDatabase.Create(dir.File("db"), Options);
        var collection = database.CreateCollection(new CollectionSettings { Name = "c", Dimension = Dim });
        await collection.UpsertAsync(Enumerable.Range(0, records).Select(Record).ToList());
        return database;
    }

    [Fact]
    public async Task Readers_and_writers_racing_a_drop_finish_or_find_it_gone_and_never_reopen_it()
    {
        using var dir = new TempDirectory();
        await using var database = await DatabaseWithCollectionAsync(dir, 2000);
        using var stop = new CancellationTokenSource();
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<string>();

        async Task Hammer(int worker)
        {
            int i = 0;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var collection = database.TryGetCollection("c");
                    if (collection is null)
                    {
                        outcomes.Add("gone");
                        await Task.Yield();
                        continue;
                    }
                    if (worker % 2 == 0)
                        collection.Search(Record(i).Vector.Span, 5, 32);
                    else
                        await collection.UpsertAsync([Record(10_000 + i)], i % 2 == 0 ? Durability.FireAndForget : Durability.Durable);
                    outcomes.Add("ok");
                }
                catch (CollectionDroppedException)
                {
                    outcomes.Add("dropped");
                }
                i++;
            }
        }

        var workers = Enumerable.Range(0, 6).Select(w => Task.Run(() => Hammer(w))).ToArray();
        await Task.Delay(100);
        Assert.True(await database.DropCollectionAsync("c"));
        await Task.Delay(100);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        Assert.Contains("ok", outcomes);
        Assert.Contains("gone", outcomes);
        Assert.Empty(database.CollectionNames());
        Assert.Null(database.TryGetCollection("c"));
        Assert.False(Directory.Exists(Path.Combine(database.Directory, "collections", "c")));
        Assert.False(await database.DropCollectionAsync("c"));
        var again = database.CreateCollection(new CollectionSettings { Name = "c", Dimension = Dim });
        Assert.Equal(0, again.Count);
    }

    [Fact]
    public async Task A_call_holding_a_dropped_collection_is_refused_as_dropped_even_fire_and_forget()
    {
        using var dir = new TempDirectory();
        await using var database = await DatabaseWithCollectionAsync(dir, 10);
        var held = database.GetCollection("c");
        var token = held.Dropped;

        Assert.True(await database.DropCollectionAsync("c"));

        Assert.True(token.IsCancellationRequested);
        await Assert.ThrowsAsync<CollectionDroppedException>(async () => await held.UpsertAsync([Record(99)], Durability.FireAndForget));
        await Assert.ThrowsAsync<CollectionDroppedException>(async () => await held.DeleteAsync([1]));
        Assert.Throws<CollectionDroppedException>(() => held.Search(Record(1).Vector.Span, 3, 16));
        Assert.Throws<CollectionDroppedException>(() => held.Get(1));
        Assert.Throws<CollectionDroppedException>(() => held.Count);
        Assert.Throws<CollectionDroppedException>(() => held.IndexView.Search(Record(1).Vector.Span, 3, 16, new Core.Search.SearchHit[3]));
        await Assert.ThrowsAsync<CollectionDroppedException>(() => held.CompactAsync());
        Assert.Throws<CollectionDroppedException>(() => held.GetThumbnail(1));
        Assert.Throws<CollectionDroppedException>(() => held.Thumbnails);
        await Assert.ThrowsAsync<CollectionDroppedException>(() => held.PutThumbnailsAsync([(1, [1, 2, 3])]));
        Assert.Contains("Collection 'c' was dropped", Assert.Throws<CollectionDroppedException>(() => held.Get(1)).Message);
    }

    [Fact]
    public async Task Concurrent_creates_and_drops_of_one_name_give_exactly_one_winner_and_clean_refusals()
    {
        using var dir = new TempDirectory();
        await using var database = VectorDatabase.Create(dir.File("db"), Options);
        for (int round = 0; round < 20; round++)
        {
            var creates = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            {
                try
                {
                    database.CreateCollection(new CollectionSettings { Name = "race", Dimension = Dim });
                    return "created";
                }
                catch (CollectionExistsException)
                {
                    return "exists";
                }
            })).ToArray();
            Assert.Equal(["created", "exists", "exists", "exists"], (await Task.WhenAll(creates)).Order());

            var drops = Enumerable.Range(0, 4).Select(_ => Task.Run(() => database.DropCollectionAsync("race"))).ToArray();
            Assert.Equal(1, (await Task.WhenAll(drops)).Count(dropped => dropped));
            Assert.Empty(database.CollectionNames());
        }
    }

    [Fact]
    public async Task A_create_during_a_drop_of_the_same_name_waits_for_it_and_starts_empty()
    {
        using var dir = new TempDirectory();
        await using var database = await DatabaseWithCollectionAsync(dir, 3000);

        var drop = database.DropCollectionAsync("c");
        var created = await Task.Run(() => database.CreateCollection(new CollectionSettings { Name = "c", Dimension = Dim }));

        Assert.True(await drop);
        Assert.Equal(0, created.Count);
        Assert.Same(created, database.GetCollection("c"));
    }

    [Fact]
    public async Task A_drop_that_a_crash_interrupted_leaves_nothing_listed_and_the_next_owner_removes_its_files()
    {
        using var dir = new TempDirectory();
        var database = await DatabaseWithCollectionAsync(dir, 10);
        await database.DisposeAsync();
        string leftover = Path.Combine(database.Directory, "collections", ".dropped-c-0123");
        Directory.Move(Path.Combine(database.Directory, "collections", "c"), leftover);

        await using var reopened = VectorDatabase.Open(dir.File("db"), Options);

        Assert.Empty(reopened.CollectionNames());
        Assert.False(Directory.Exists(leftover));
    }
}
