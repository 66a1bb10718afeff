using System.Diagnostics;
using ArcFace.VectorDb.Core.Formats;
using ArcFace.VectorDb.Protos;
using Grpc.Net.Client;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>One fixed-time load of concurrent Search clients: answered searches per second, latency percentiles of the answered ones, failed calls.</summary>
internal sealed record SearchLoadRun(int Clients, double Qps, double P50Us, double P99Us, long Errors, long Answered);

/// <summary>The gRPC search load generator the benchmarks share: N concurrent clients (one channel each) send Search for a fixed time.</summary>
internal static class SearchLoad
{
    /// <summary>One Search request per query row, on <paramref name="collection"/> at <paramref name="k"/> and <paramref name="ef"/>.</summary>
    public static SearchRequest[] Requests(VectorSet queries, string collection, int k, int ef) =>
        [.. Enumerable.Range(0, queries.Count).Select(q => new SearchRequest { Collection = collection, Vector = { queries.Row(q).ToArray() }, K = (uint)k, Ef = (uint)ef })];

    /// <summary>Runs <paramref name="clients"/> clients against <paramref name="address"/> for <paramref name="seconds"/>; client c sends requests c, c + clients, … round the list.</summary>
    public static async Task<SearchLoadRun> RunAsync(Uri address, SearchRequest[] requests, int clients, double seconds, CancellationToken cancellation = default)
    {
        long errors = 0;
        var latencies = new List<double>[clients];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            using var channel = GrpcChannel.ForAddress(address);
            var client = new Protos.VectorDb.VectorDbClient(channel);
            var mine = latencies[c] = [];
            for (int q = c % requests.Length; clock.Elapsed.TotalSeconds < seconds; q = (q + clients) % requests.Length)
            {
                cancellation.ThrowIfCancellationRequested();
                long start = Stopwatch.GetTimestamp();
                try
                {
                    await client.SearchAsync(requests[q], cancellationToken: cancellation);
                    mine.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                }
                catch (Grpc.Core.RpcException) when (!cancellation.IsCancellationRequested)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }, cancellation)));
        double elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new SearchLoadRun(clients, all.Length / elapsed, Percentile(all, 0.50), Percentile(all, 0.99), errors, all.Length);
    }

    /// <summary>The <paramref name="p"/> quantile of ascending <paramref name="sorted"/> (0 when empty).</summary>
    public static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
