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

namespace ArcFace.VectorDb.Cluster.Shards;

/// <summary>
/// A shard's activation: takes the folder's lease (waiting out a previous holder's), opens or creates its collection
/// (snapshot + log replay), renews the lease on a timer and stops writing the moment it is lost. Calls interleave and
/// run on the thread pool: the collection is safe for concurrent searches and writes, and durable upserts from many
/// callers share group commits. When the placement would now put the shard on another silo (one joined or came back),
/// it migrates there.
/// </summary>
[Reentrant]
[ShardPlacement]
internal sealed partial class ShardGrain(ClusterCatalog catalog, ILocalSiloDetails silo, IClusterMembershipService membership, ILogger<ShardGrain> logger) : Grain, IShardGrain
{
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RebalanceEvery = TimeSpan.FromSeconds(5);

    private ShardKey key;
    private ShardLease? lease;
    private VectorCollection? collection;
    private string? gone;

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
        this.RegisterGrainTimer(RenewLease, RenewEvery, RenewEvery);
        this.RegisterGrainTimer(Rebalance, RebalanceEvery, RebalanceEvery);
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
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
    public Task<ShardStats> Stats() => Call(shard =>
    {
        var index = shard.IndexSize;
        var thumbnails = shard.Thumbnails;
        return Task.FromResult(new ShardStats
        {
            Points = index.Live, DiskBytes = shard.DiskBytes, IndexMemoryBytes = index.MemoryBytes, RerankBytes = index.RerankBytes,
            Thumbnails = thumbnails.Count, ThumbnailBytes = thumbnails.Bytes, Silo = silo.SiloAddress.Endpoint.ToString(), LeaseEpoch = lease!.Epoch,
        });
    });

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
            this.DeactivateOnIdle();
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
            LogLeaseLost(key, e.Message);
            if (collection is { } open)
            {
                // Another activation owns the folder now: close without a snapshot, which would write into its folder.
                collection = null;
                await open.CloseForDropAsync();
            }
            this.DeactivateOnIdle();
        }
        catch (IOException e)
        {
            // The shared storage hiccupped: the lease stays trusted until its margin runs out, and writes check that.
            LogRenewFailed(key, e.Message);
        }
    }

    private Task Rebalance(CancellationToken cancellation)
    {
        var active = membership.CurrentSnapshot.Members.Values.Where(member => member.Status == SiloStatus.Active).Select(member => member.SiloAddress).ToList();
        if (active.Count > 1 && PreferredSilo.For(key, active) is { } preferred && !preferred.Equals(silo.SiloAddress))
        {
            LogRebalancing(key, preferred);
            // Migrate, not deactivate: a plain deactivation let the next call from this silo (the one a client called)
            // activate the shard right here again, so it bounced every few seconds and never reached its silo.
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
