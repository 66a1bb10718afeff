using ArcFace.VectorDb.Cluster.Sharding;
using ArcFace.VectorDb.Evaluation.Collections;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Server.Services;
using Google.Protobuf;

namespace ArcFace.VectorDb.Cluster.Shards;

/// <summary>The shard's thumbnails, and the reads the evaluations make: resume checks, exact search, paged scans.</summary>
internal sealed partial class ShardGrain
{
    /// <summary>Threads one exact search of a shard may use (the shards of a collection search at the same time).</summary>
    private static readonly int ExactThreads = Math.Max(1, Environment.ProcessorCount / 2);

    /// <inheritdoc />
    public async Task<int> UpsertWithThumbnails(byte[] upsertRequest, ulong[] thumbnailIds, byte[][] thumbnails)
    {
        // Checked before the points are written: a malformed call writes nothing.
        if (thumbnailIds.Length != thumbnails.Length)
            throw new ShardCallException(Grpc.Core.StatusCode.InvalidArgument, $"{thumbnailIds.Length} thumbnail ids for {thumbnails.Length} thumbnails.");
        int written = await Upsert(upsertRequest);
        if (thumbnailIds.Length > 0)
        {
            await Call(async shard =>
            {
                lease!.EnsureHeld();
                await shard.PutThumbnailsAsync([.. thumbnailIds.Zip(thumbnails)]);
                return 0;
            });
        }
        return written;
    }

    /// <inheritdoc />
    public Task<bool[]> Contains(ulong[] ids) => Call(shard => Task.FromResult(Array.ConvertAll(ids, shard.Contains)));

    /// <inheritdoc />
    public Task<byte[]?> GetThumbnail(ulong id) => Call(shard => Task.FromResult(shard.GetThumbnail(id)));

    /// <inheritdoc />
    public Task<byte[]> ExactSearch(byte[] searchBatchRequest) => Call(shard =>
    {
        var batch = SearchBatchRequest.Parser.ParseFrom(searchBatchRequest);
        var response = new SearchBatchResponse();
        if (batch.Searches.Count == 0)
            return Task.FromResult(response.ToByteArray());
        int dim = shard.Settings.Dimension, widest = 0;
        var queries = new float[batch.Searches.Count * dim];
        for (int q = 0; q < batch.Searches.Count; q++)
        {
            var search = batch.Searches[q];
            if (search.Vector.Count != dim)
                throw new ShardCallException(Grpc.Core.StatusCode.InvalidArgument, $"The query has {search.Vector.Count} components; collection '{key.Collection}' holds {dim}-d vectors.");
            search.Vector.CopyTo(queries, q * dim);
            widest = Math.Max(widest, RequestChecks.KAndEf(search.K, search.K).K);
        }
        // One pass over the shard's records, a block at a time, for every query at the widest k; each query keeps its own k of them.
        var found = BlockedExactSearch.Run(shard, queries, widest, ExactThreads);
        for (int q = 0; q < batch.Searches.Count; q++)
        {
            var hits = new SearchResponse();
            hits.Hits.AddRange(found[q].Take((int)batch.Searches[q].K).Select(hit => new Hit { Id = hit.Id, Score = hit.Score }));
            response.Results.Add(hits);
        }
        return Task.FromResult(response.ToByteArray());
    });

    /// <inheritdoc />
    public Task<ulong[]> LiveIds(ulong fromId, int limit) => Call(shard => Task.FromResult(shard.LiveIds(fromId, limit)));

    /// <inheritdoc />
    /// <remarks>A page is short only at the end: ids deleted between the listing and the read are made up from later ids.</remarks>
    public Task<byte[]> ScanPage(ulong fromId, int limit, bool withVectors) => Call(shard =>
    {
        var page = new GetResponse();
        for (ulong? from = fromId; from is { } start && page.Points.Count < limit;)
        {
            int wanted = limit - page.Points.Count;
            var ids = shard.LiveIds(start, wanted);
            foreach (ulong id in ids)
            {
                if (shard.Get(id) is { } record)
                    page.Points.Add(record.ToProto(withVectors));
            }
            from = IdPages.NextFrom(ids, wanted, id => id);
        }
        return Task.FromResult(page.ToByteArray());
    });
}
