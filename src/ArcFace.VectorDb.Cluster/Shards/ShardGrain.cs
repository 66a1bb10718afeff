using ArcFace.VectorDb.Cluster.Catalog;
using ArcFace.VectorDb.Cluster.Leases;
using ArcFace.VectorDb.Cluster.Placement;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Server.Services;
using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Storage.Log;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Runtime.Placement;

namespace ArcFace.VectorDb.Cluster.Shards;

/// <summary>
/// A shard's activation: takes the folder's lease (waiting out a previous holder's), opens or creates its collection
/// (snapshot + log replay), renews the lease on a timer and stops writing the moment it is lost. Calls interleave and
/// run on the thread pool: the collection is safe for concurrent searches and writes, and durable upserts from many
/// callers share group commits. When the placement would now put the shard on another silo (one joined or came back),
/// it migrates there (closing here, releasing its lease, opening there from snapshot + log).
/// </summary>
[Reentrant]
[ShardPlacement]
internal sealed partial class ShardGrain(ClusterCatalog catalog, ILocalSiloDetails silo, IClusterMembershipService membership, LocalShards local, ShardOptions options,
    ILogger<ShardGrain> logger)
    : Grain, IShardGrain
{
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RebalanceEvery = TimeSpan.FromSeconds(5);

    private ShardKey key;
    private ShardLease? lease;
    private VectorCollection? collection;
    private string? gone;
    private int writesSeenByLastTick = -1;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        key = ShardKey.Parse(this.GetPrimaryKeyString());
        if (catalog.Read(key.Collection) is not { } entry || entry.Generation != key.Generation)
        {
            gone = $"Collection '{key.Collection}' was dropped.";
            this.DeactivateOnIdle();
            return;
        }
        string directory = catalog.ShardDirectory(entry, key.Index);
        lease = await ShardLease.AcquireAsync(directory, $"{silo.SiloAddress} {this.GetGrainId()}", cancellation: cancellationToken);
        collection = await Task.Run(() => File.Exists(Path.Combine(directory, CollectionManifest.FileName))
            ? VectorCollection.Open(directory)
            : VectorCollection.Create(directory, entry.Settings), cancellationToken);
        LogActivated(key, silo.SiloAddress, lease.Epoch, collection.Count);
        local.Add(key, () => collection is { } open ? Measure(open) : null);
        this.RegisterGrainTimer(RenewLease, RenewEvery, RenewEvery);
        this.RegisterGrainTimer(Rebalance, RebalanceEvery, RebalanceEvery);
        this.RegisterGrainTimer(SnapshotWhenIdle, options.IdleSnapshotAfter, options.IdleSnapshotAfter);
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        local.Remove(key);
        if (collection is { } open)
            await open.DisposeAsync();
        lease?.Dispose();
    }

    /// <inheritdoc />
    public Task<int> Upsert(byte[] upsertRequest) => Call(async shard =>
    {
        var request = UpsertRequest.Parser.ParseFrom(upsertRequest);
        var records = new LogRecord[request.Points.Count];
        for (int i = 0; i < records.Length; i++)
            records[i] = ProtoMapping.Record(request.Points[i]);
        lease!.EnsureHeld();
        await shard.UpsertAsync(records, request.Wait ? Durability.Durable : Durability.FireAndForget);
        return records.Length;
    });

    /// <inheritdoc />
    public Task<int> Delete(ulong[] ids, bool wait) => Call(async shard =>
    {
        lease!.EnsureHeld();
        return await shard.DeleteAsync(ids, wait ? Durability.Durable : Durability.FireAndForget);
    });

    /// <inheritdoc />
    public Task<byte[]> GetPoints(ulong[] ids, bool withVectors) => Call(shard =>
    {
        var response = new GetResponse();
        foreach (ulong id in ids)
        {
            if (shard.Get(id) is { } record)
                response.Points.Add(record.ToProto(withVectors));
        }
        return Task.FromResult(response.ToByteArray());
    });

    /// <inheritdoc />
    public Task<byte[]> Search(byte[] searchBatchRequest) => Call(shard =>
    {
        var batch = SearchBatchRequest.Parser.ParseFrom(searchBatchRequest);
        var response = new SearchBatchResponse();
        foreach (var search in batch.Searches)
        {
            var (k, ef) = RequestChecks.KAndEf(search.K, search.Ef);
            var hits = new SearchResponse();
            foreach (var hit in shard.Search(search.Vector.ToArray(), k, ef, RequestChecks.Filter(search.Filter), RequestChecks.Oversampling(search.Oversampling)))
                hits.Hits.Add(hit.ToProto(shard, search.WithVectors));
            response.Results.Add(hits);
        }
        return Task.FromResult(response.ToByteArray());
    });

    /// <inheritdoc />
    public Task<ShardStats> Stats() => Call(shard => Task.FromResult(Measure(shard)));

    /// <inheritdoc />
    public async Task Drop()
    {
        gone ??= $"Collection '{key.Collection}' was dropped.";
        if (collection is { } open)
        {
            collection = null;
            await open.CloseForDropAsync();
        }
        lease?.Dispose();
        lease = null;
        this.DeactivateOnIdle();
    }

    /// <summary>What the shard holds now and where it runs.</summary>
    private ShardStats Measure(VectorCollection shard)
    {
        var index = shard.IndexSize;
        var thumbnails = shard.Thumbnails;
        return new ShardStats
        {
            Points = index.Live, DiskBytes = shard.DiskBytes, IndexMemoryBytes = index.MemoryBytes, RerankBytes = index.RerankBytes,
            Thumbnails = thumbnails.Count, ThumbnailBytes = thumbnails.Bytes, Silo = silo.SiloAddress.Endpoint.ToString(), LeaseEpoch = lease?.Epoch ?? 0,
        };
    }

    /// <summary>Runs <paramref name="work"/> on the thread pool against the open collection, turning every failure into a <see cref="ShardCallException"/> with its status.</summary>
    private async Task<T> Call<T>(Func<VectorCollection, Task<T>> work)
    {
        if (gone is not null)
            throw new ShardCallException(StatusCode.NotFound, gone);
        if (collection is not { } shard)
            throw new ShardCallException(StatusCode.Unavailable, $"Shard {key.Index} of '{key.Collection}' lost its lease to another activation: retry the call.");
        try
        {
            return await Task.Run(() => work(shard));
        }
        catch (LeaseLostException e)
        {
            await StopWritingAsync(e);
            throw new ShardCallException(StatusCode.Unavailable, $"Shard {key.Index} of '{key.Collection}' moved: {e.Message} Retry the call.");
        }
        catch (RpcException e)
        {
            throw new ShardCallException(e.StatusCode, e.Status.Detail);
        }
        catch (Exception e) when (e is not ShardCallException)
        {
            var status = StorageErrorInterceptor.Status(e) ?? new Status(StatusCode.Internal, $"Shard {key.Index} of '{key.Collection}': {e.Message}");
            throw new ShardCallException(status.StatusCode, status.Detail);
        }
    }

    private async Task RenewLease(CancellationToken cancellation)
    {
        if (lease is null)
            return;
        try
        {
            lease.Renew();
        }
        catch (LeaseLostException e)
        {
            await StopWritingAsync(e);
        }
        catch (IOException e)
        {
            // The shared storage hiccupped: the lease stays trusted until its margin runs out, and writes check that.
            LogRenewFailed(key, e.Message);
        }
    }

    /// <summary>Another activation owns the folder now: closes the collection without a snapshot (that would write into its folder) and deactivates.</summary>
    private async Task StopWritingAsync(LeaseLostException reason)
    {
        if (collection is { } open)
        {
            collection = null;
            LogLeaseLost(key, reason.Message);
            await open.CloseForDropAsync();
        }
        this.DeactivateOnIdle();
    }

    /// <summary>Writes a snapshot when records were written since the last one and none since the previous tick.</summary>
    private async Task SnapshotWhenIdle(CancellationToken cancellation)
    {
        if (collection is not { } open || lease is null)
            return;
        int written = open.WrittenSinceSnapshot;
        if (written > 0 && written == writesSeenByLastTick)
        {
            try
            {
                lease.EnsureHeld();
                await Task.Run(() => open.SnapshotAsync(cancellation), cancellation);
                written = 0;
            }
            catch (LeaseLostException e)
            {
                await StopWritingAsync(e);
            }
        }
        writesSeenByLastTick = written;
    }

    private Task Rebalance(CancellationToken cancellation)
    {
        var active = membership.CurrentSnapshot.Members.Values.Where(member => member.Status == SiloStatus.Active).Select(member => member.SiloAddress).ToList();
        if (active.Count > 1 && PreferredSilo.For(key, active) is { } preferred && !preferred.Equals(silo.SiloAddress))
        {
            LogRebalancing(key, preferred);
            // A migration places the activation anew (deactivating it alone would not: callers' caches would bring the next call back here).
            RequestContext.Set(IPlacementDirector.PlacementHintKey, preferred);
            this.MigrateOnIdle();
        }
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "shard {Shard} active on {Silo} (lease epoch {Epoch}, {Points} points)")]
    private partial void LogActivated(ShardKey shard, SiloAddress silo, long epoch, int points);

    [LoggerMessage(Level = LogLevel.Warning, Message = "shard {Shard} lost its lease: {Reason}")]
    private partial void LogLeaseLost(ShardKey shard, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "shard {Shard} could not renew its lease: {Reason}")]
    private partial void LogRenewFailed(ShardKey shard, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "shard {Shard} moves to {Silo}, where placement now puts it")]
    private partial void LogRebalancing(ShardKey shard, SiloAddress silo);
}
