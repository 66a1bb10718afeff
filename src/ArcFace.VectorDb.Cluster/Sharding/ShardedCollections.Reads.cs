using ArcFace.VectorDb.Cluster.Shards;
using ArcFace.VectorDb.Protos;
using Google.Protobuf;

namespace ArcFace.VectorDb.Cluster.Sharding;

/// <summary>Writes with thumbnails, and the reads of ingest (resume, thumbnails) and of the evaluations (exact search, full scans).</summary>
public sealed partial class ShardedCollections
{
    /// <summary>Points a scan fetches from a shard per call.</summary>
    public const int ScanPageSize = 4096;

    /// <summary>Points a listing of labels fetches from a shard per call (no vectors: a few MiB).</summary>
    public const int LabelPageSize = 65_536;

    /// <summary>Ids a listing of live ids fetches from a shard per call (8 MiB of ids).</summary>
    public const int IdPageSize = 1 << 20;

    /// <summary>As <see cref="UpsertAsync(string, UpsertRequest)"/>; each thumbnail goes to its point's shard with it and is stored once the point is.</summary>
    public Task<int> UpsertAsync(string name, UpsertRequest request, IReadOnlyList<(ulong Id, byte[] Image)> thumbnails)
    {
        if (thumbnails.Count == 0)
            return UpsertAsync(name, request);
        return OnCurrent(name, async entry =>
        {
            var parts = SplitByShard(request, entry.Shards);
            var images = new List<(ulong Id, byte[] Image)>?[entry.Shards];
            foreach (var thumbnail in thumbnails)
                (images[ShardRouting.ShardOf(thumbnail.Id, entry.Shards)] ??= []).Add(thumbnail);
            var written = await ShardCalls.All(Enumerable.Range(0, entry.Shards).Where(shard => parts[shard] is not null).Select(shard =>
            {
                var mine = images[shard] ?? [];
                return Call(entry, shard, grain => grain.UpsertWithThumbnails(parts[shard]!.ToByteArray(), [.. mine.Select(image => image.Id)], [.. mine.Select(image => image.Image)]));
            }));
            return written.Sum();
        });
    }

    /// <summary>Whether each of <paramref name="ids"/> is live, in the order asked.</summary>
    public Task<bool[]> ContainsAsync(string name, IReadOnlyList<ulong> ids) => OnCurrent(name, async entry =>
    {
        var byShard = Enumerable.Range(0, ids.Count).GroupBy(i => ShardRouting.ShardOf(ids[i], entry.Shards)).ToArray();
        var answers = await ShardCalls.All(byShard.Select(group => Call(entry, group.Key, grain => grain.Contains([.. group.Select(i => ids[i])]))));
        var live = new bool[ids.Count];
        for (int g = 0; g < byShard.Length; g++)
        {
            int next = 0;
            foreach (int i in byShard[g])
                live[i] = answers[g][next++];
        }
        return live;
    });

    /// <summary>The thumbnail of point <paramref name="id"/>, from its shard; null when it has none.</summary>
    public Task<byte[]?> GetThumbnailAsync(string name, ulong id) =>
        OnCurrent(name, entry => Call(entry, ShardRouting.ShardOf(id, entry.Shards), grain => grain.GetThumbnail(id)));

    /// <summary>The exact top k of each search of <paramref name="batch"/> (vector and k), gathered from every shard's exact search and merged.</summary>
    public Task<IReadOnlyList<SearchResponse>> ExactSearchAsync(string name, SearchBatchRequest batch) =>
        OnCurrent(name, entry => SearchEveryShardAsync(entry, batch, (grain, request) => grain.ExactSearch(request)));

    /// <summary>Every live point with its vector, in id order: each shard read <see cref="ScanPageSize"/> points per call, the shards side by side.</summary>
    public async Task<IReadOnlyList<Point>> ScanAsync(string name, CancellationToken cancellation = default) =>
        await EveryShardInPagesAsync<Point>(name, ScanPageSize, async (grain, from, size) => GetResponse.Parser.ParseFrom(await grain.ScanPage(from, size, withVectors: true)).Points, point => point.Id, cancellation);

    /// <summary>Every live point's id and label, in id order, read <see cref="LabelPageSize"/> points per call without their vectors.</summary>
    public Task<(ulong Id, string Label)[]> LabelsAsync(string name, CancellationToken cancellation = default) =>
        EveryShardInPagesAsync<(ulong Id, string Label)>(name, LabelPageSize, async (grain, from, size) =>
            [.. GetResponse.Parser.ParseFrom(await grain.ScanPage(from, size, withVectors: false)).Points.Select(point => (point.Id, point.Label))], item => item.Id, cancellation);

    /// <summary>Up to <paramref name="limit"/> live points of one shard with ids from <paramref name="fromId"/> on, in id order, with their vectors; a short page is the shard's last.</summary>
    public Task<IReadOnlyList<Point>> ScanShardPageAsync(string name, int shard, ulong fromId, int limit) => OnCurrent(name, async entry =>
        (IReadOnlyList<Point>)GetResponse.Parser.ParseFrom(await Call(entry, shard, grain => grain.ScanPage(fromId, limit, withVectors: true))).Points);

    /// <summary>Every live id of the collection, ascending, gathered from every shard without reading the records.</summary>
    public Task<ulong[]> LiveIdsAsync(string name, CancellationToken cancellation = default) =>
        EveryShardInPagesAsync<ulong>(name, IdPageSize, async (grain, from, size) => await grain.LiveIds(from, size), id => id, cancellation);

    /// <summary>
    /// Everything <paramref name="page"/> gives of every shard, in id order: each shard read <paramref name="pageSize"/>
    /// items per call, each call from the id after the last one, until a short page; the shards side by side.
    /// </summary>
    private Task<T[]> EveryShardInPagesAsync<T>(string name, int pageSize, Func<IShardGrain, ulong, int, Task<IReadOnlyList<T>>> page, Func<T, ulong> idOf, CancellationToken cancellation) =>
        OnCurrent(name, async entry =>
        {
            var shards = await ShardCalls.All(Enumerable.Range(0, entry.Shards).Select(async shard =>
            {
                var items = new List<T>();
                for (ulong? from = 0; from is { } start;)
                {
                    cancellation.ThrowIfCancellationRequested();
                    var next = await Call(entry, shard, grain => page(grain, start, pageSize));
                    items.AddRange(next);
                    from = IdPages.NextFrom(next, pageSize, idOf);
                }
                return items;
            }));
            var all = shards.SelectMany(items => items).ToArray();
            Array.Sort(Array.ConvertAll(all, item => idOf(item)), all);
            return all;
        });
}
