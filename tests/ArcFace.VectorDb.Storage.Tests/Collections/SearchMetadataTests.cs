using System.Collections.Concurrent;
using ArcFace.VectorDb.Core.Search;
using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Storage.Log;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Storage.Tests.Collections;

/// <summary>A hit comes back with its own label and attributes, or not at all, whatever runs beside the search.</summary>
public class SearchMetadataTests
{
    private const int Dim = 8;

    [Fact]
    public void A_hit_whose_record_was_deleted_or_relabelled_after_the_index_found_it_is_left_out()
    {
        var metadata = new Dictionary<ulong, RecordMetadata>
        {
            [1] = new("cat", "s/1", []),
            [3] = new("dog", "s/3", [new("k", "v")]),
        };
        SearchHit[] hits = [new(1, 0.9f), new(2, 0.8f), new(3, 0.7f)];

        var unfiltered = VectorCollection.WithMetadata(hits, metadata, null);
        var cats = VectorCollection.WithMetadata(hits, metadata, SearchFilter.ForLabel("cat"));

        Assert.Equal([(1ul, "cat"), (3ul, "dog")], unfiltered.Select(h => (h.Id, h.Label)));
        Assert.Equal([new KeyValuePair<string, string>("k", "v")], unfiltered[1].Attributes);
        Assert.Equal([1ul], cats.Select(h => h.Id));
    }

    [Fact]
    public async Task Searches_racing_deletes_and_relabelling_upserts_never_see_a_blank_hit_or_one_against_their_filter()
    {
        using var dir = new TempDirectory();
        await using var collection = VectorCollection.Create(dir.File("c"), new CollectionSettings { Name = "c", Dimension = Dim }, new CollectionOptions { SnapshotEveryRecords = 0 });
        static LogRecord Record(int id, int label) =>
            LogRecord.Upsert((ulong)id, Enumerable.Range(0, Dim).Select(j => MathF.Cos(id * 7 + j) + 2f).ToArray(), $"l{label}", $"s/{id}", [new("label", $"l{label}")]);
        await collection.UpsertAsync(Enumerable.Range(0, 400).Select(i => Record(i, i % 2)).ToList());
        var bad = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        var searchers = Enumerable.Range(0, 2).Select(s => Task.Run(() =>
        {
            var filter = SearchFilter.ForLabel("l0");
            for (int q = 0; !stop.IsCancellationRequested; q++)
            {
                foreach (var hit in collection.Search(Record(q % 400, 0).Vector.Span, 20, 64, filter))
                {
                    if (hit.Label != "l0" || hit.Source != $"s/{hit.Id}" || hit.Attributes.Single().Value != "l0")
                        bad.Add($"{hit.Id}: '{hit.Label}' '{hit.Source}'");
                }
            }
        })).ToArray();
        var writer = Task.Run(async () =>
        {
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                int id = i * 37 % 400;
                if (i % 2 == 0)
                    await collection.DeleteAsync([(ulong)id], Durability.FireAndForget);
                else
                    await collection.UpsertAsync([Record(id, i / 2 % 2)], Durability.FireAndForget);
            }
        });
        await Task.WhenAll([.. searchers, writer]);

        Assert.Empty(bad);
    }
}
