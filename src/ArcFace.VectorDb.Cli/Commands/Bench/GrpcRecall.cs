using ArcFace.VectorDb.Core.Formats;
using ArcFace.VectorDb.Evaluation.Ann;
using ArcFace.VectorDb.Protos;
using Grpc.Net.Client;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>Recall@k of a served collection against exact ground truth (row numbers = ids), searched through SearchBatch.</summary>
internal static class GrpcRecall
{
    private const int BatchSize = 50;
    private const int Concurrency = 4;

    /// <summary>Mean recall@<paramref name="k"/> at <paramref name="ef"/> over the first <paramref name="queries"/>.Count rows of <paramref name="truth"/>.</summary>
    public static async Task<double> MeasureAsync(Uri address, string collection, VectorSet queries, IdMatrix truth, int k, int ef, CancellationToken cancellation)
    {
        if (truth.Width < k)
            throw new ArgumentException($"The ground truth holds {truth.Width} neighbours per query, fewer than k = {k}.");
        using var channel = GrpcChannel.ForAddress(address);
        var client = new Protos.VectorDb.VectorDbClient(channel);
        var recalls = new double[queries.Count];
        int next = 0;
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            for (int start = Interlocked.Add(ref next, BatchSize) - BatchSize; start < queries.Count; start = Interlocked.Add(ref next, BatchSize) - BatchSize)
            {
                int end = Math.Min(queries.Count, start + BatchSize);
                var batch = new SearchBatchRequest();
                for (int q = start; q < end; q++)
                    batch.Searches.Add(new SearchRequest { Collection = collection, Vector = { queries.Row(q).ToArray() }, K = (uint)k, Ef = (uint)ef });
                var answer = await client.SearchBatchAsync(batch, cancellationToken: cancellation);
                for (int q = start; q < end; q++)
                {
                    ulong[] found = [.. answer.Results[q - start].Hits.Select(hit => hit.Id)];
                    recalls[q] = RecallAtK.OfQuery(found, truth.Row(q)[..k]);
                }
            }
        }, cancellation)));
        return recalls.Average();
    }
}
