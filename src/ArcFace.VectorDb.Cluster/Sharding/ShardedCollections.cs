using ArcFace.VectorDb.Cluster.Catalog;
using ArcFace.VectorDb.Cluster.Shards;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Server.Services;
using ArcFace.VectorDb.Storage.Collections;
using Google.Protobuf;

namespace ArcFace.VectorDb.Cluster.Sharding;

/// <summary>
/// The cluster's collections as one silo reaches them: the catalog says what a collection is, shard grains hold its
/// points. Writes split by shard (hash of id) and are acknowledged when every shard they touched has; reads fan out to
/// every shard in parallel and merge. A call that reaches a dropped generation (a stale cached entry) reads the
/// catalog again and retries once.
/// </summary>
public sealed partial class ShardedCollections(IGrainFactory grains, ClusterCatalog catalog)
{
    /// <summary>The catalog behind the collections.</summary>
    public ClusterCatalog Catalog => catalog;

    /// <summary>Creates a collection of <paramref name="shards"/> shards (their folders are made when they first activate).</summary>
    public CatalogEntry Create(CollectionSettings settings, int shards) => catalog.Create(settings, shards);

    /// <summary>The named collection's entry, or NOT_FOUND.</summary>
    public CatalogEntry Existing(string name) =>
        catalog.Find(name) ?? throw new CollectionNotFoundException(name, $"No collection '{CollectionNames.Shown(name)}'.");

    /// <summary>Writes the points of <paramref name="request"/> into <paramref name="name"/>; returns how many, once every shard they went to has them.</summary>
    public Task<int> UpsertAsync(string name, UpsertRequest request) => OnCurrent(name, async entry =>
    {
        var parts = SplitByShard(request, entry.Shards);
        var written = await ShardCalls.All(Enumerable.Range(0, entry.Shards).Where(shard => parts[shard] is not null)
            .Select(shard => Call(entry, shard, grain => grain.Upsert(parts[shard]!.ToByteArray()))));
        return written.Sum();
    });

    /// <summary>Deletes <paramref name="ids"/>; returns how many existed.</summary>
    public Task<int> DeleteAsync(string name, IReadOnlyList<ulong> ids, bool wait) => OnCurrent(name, async entry =>
    {
        var byShard = ids.GroupBy(id => ShardRouting.ShardOf(id, entry.Shards));
        var deleted = await ShardCalls.All(byShard.Select(group => Call(entry, group.Key, grain => grain.Delete([.. group], wait))));
        return deleted.Sum();
    });

    /// <summary>The stored points of <paramref name="ids"/>, in the order asked (absent ids left out).</summary>
    public Task<IReadOnlyList<Point>> GetAsync(string name, IReadOnlyList<ulong> ids, bool withVectors) => OnCurrent(name, async entry =>
    {
        var byShard = ids.Distinct().GroupBy(id => ShardRouting.ShardOf(id, entry.Shards));
        var answers = await ShardCalls.All(byShard.Select(group => Call(entry, group.Key, grain => grain.GetPoints([.. group], withVectors))));
        var found = answers.SelectMany(bytes => GetResponse.Parser.ParseFrom(bytes).Points).ToDictionary(point => point.Id);
        return (IReadOnlyList<Point>)[.. ids.Where(found.ContainsKey).Select(id => found[id])];
    });

    /// <summary>The merged top k of each search of <paramref name="batch"/> (all of them on <paramref name="name"/>, already checked).</summary>
    public Task<IReadOnlyList<SearchResponse>> SearchAsync(string name, SearchBatchRequest batch) =>
        OnCurrent(name, entry => SearchEveryShardAsync(entry, batch, (grain, request) => grain.Search(request)));

    /// <summary>Each shard's figures and silo, in shard order.</summary>
    public Task<IReadOnlyList<ShardStats>> StatsAsync(string name) => OnCurrent(name, async entry =>
        (IReadOnlyList<ShardStats>)await ShardCalls.All(Enumerable.Range(0, entry.Shards).Select(shard => Call(entry, shard, grain => grain.Stats()))));

    /// <summary>Each shard's figures and silo, in shard order; null for a shard that cannot be reached now.</summary>
    public async Task<IReadOnlyList<ShardStats?>> ReachableStatsAsync(string name)
    {
        var entry = Existing(name);
        return await Task.WhenAll(Enumerable.Range(0, entry.Shards).Select(async shard =>
        {
            try
            {
                return await Call(entry, shard, grain => grain.Stats());
            }
            catch (ShardCallException)
            {
                return null;
            }
        }));
    }

    /// <summary>The collection's description: its settings and the sums of its shards' figures.</summary>
    public async Task<CollectionInfo> DescribeAsync(string name)
    {
        var stats = await StatsAsync(name);
        var settings = Existing(name).Settings;
        return new CollectionInfo
        {
            Name = settings.Name, Count = (ulong)stats.Sum(shard => shard.Points), Dimension = (uint)settings.Dimension, Metric = settings.Metric.ToProto(),
            M = (uint)settings.M, EfConstruction = (uint)settings.EfConstruction, Model = settings.Model ?? "", Preprocessing = settings.Preprocessing ?? "",
            Provider = settings.Provider ?? "", Detector = settings.Detector ?? "", Quantization = settings.Quantization.ToProto(), Shards = (uint)stats.Count,
            DiskBytes = (ulong)stats.Sum(shard => shard.DiskBytes), IndexMemoryBytes = (ulong)stats.Sum(shard => shard.IndexMemoryBytes),
            RerankBytes = (ulong)stats.Sum(shard => shard.RerankBytes), Thumbnails = (ulong)stats.Sum(shard => shard.Thumbnails),
            ThumbnailBytes = (ulong)stats.Sum(shard => shard.ThumbnailBytes),
        };
    }

    /// <summary>Drops the collection: false when there was none (or another drop won). Its shards close first, then its data goes.</summary>
    public async Task<bool> DropAsync(string name)
    {
        if (catalog.MarkDropped(name) is not { } dropped)
            return false;
        await Task.WhenAll(Enumerable.Range(0, dropped.Shards).Select(shard => CloseDroppedAsync(new ShardKey(dropped.Name, dropped.Generation, shard))));
        catalog.RemoveData(dropped);
        return true;
    }

    /// <summary>Runs <paramref name="work"/> on the collection's cached entry; when a shard fails and the catalog now holds another generation (or none: the cached one was dropped), forgets the entry and runs it once more on the fresh one.</summary>
    private async Task<T> OnCurrent<T>(string name, Func<CatalogEntry, Task<T>> work)
    {
        var entry = Existing(name);
        try
        {
            return await work(entry);
        }
        catch (ShardCallException) when (!catalog.IsCurrent(entry))
        {
            catalog.Evict(name);
            return await work(Existing(name));
        }
    }

    /// <summary>The points of <paramref name="request"/> by shard: one request per shard they go to (null for the others), each with the same durability.</summary>
    private static UpsertRequest?[] SplitByShard(UpsertRequest request, int shards)
    {
        var parts = new UpsertRequest?[shards];
        foreach (var point in request.Points)
            (parts[ShardRouting.ShardOf(point.Id, shards)] ??= new UpsertRequest { Wait = request.Wait }).Points.Add(point);
        return parts;
    }

    /// <summary>Sends <paramref name="batch"/> to every shard with <paramref name="search"/> (HNSW or exact) and merges each query's top k.</summary>
    private async Task<IReadOnlyList<SearchResponse>> SearchEveryShardAsync(CatalogEntry entry, SearchBatchRequest batch, Func<IShardGrain, byte[], Task<byte[]>> search)
    {
        byte[] request = batch.ToByteArray();
        var answers = await ShardCalls.All(Enumerable.Range(0, entry.Shards).Select(shard => Call(entry, shard, grain => search(grain, request))));
        var perShard = answers.Select(bytes => SearchBatchResponse.Parser.ParseFrom(bytes).Results).ToArray();
        return [.. batch.Searches.Select((query, i) => HitMerge.TopK(perShard.Select(results => results[i]), (int)query.K))];
    }

    /// <summary>Closes a dropped shard's activation; one that cannot be reached finds its collection gone when it next activates.</summary>
    private async Task CloseDroppedAsync(ShardKey key)
    {
        try
        {
            await Shard(key).Drop();
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            // Its silo is gone or going: nothing of it is open anywhere that a later call could reach.
        }
    }

    private Task<T> Call<T>(CatalogEntry entry, int shard, Func<IShardGrain, Task<T>> call)
    {
        var key = new ShardKey(entry.Name, entry.Generation, shard);
        return ShardCalls.Run(() => call(Shard(key)), key);
    }

    private IShardGrain Shard(ShardKey key) => grains.GetGrain<IShardGrain>(key.ToString());
}
