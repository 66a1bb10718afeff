using System.Diagnostics;
using ArcFace.VectorDb.Core.Formats;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Server.Hosting;
using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Storage.Log;
using Grpc.Net.Client;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>One load level of `bench grpc`.</summary>
internal sealed record GrpcLoadRun(int Clients, double Qps, double P50Us, double P99Us, long Errors, double OverInProcess);

/// <summary>
/// What `bench grpc` measured; <paramref name="DuringEvaluation"/> is the load of the busiest client count again while an
/// ANN evaluation job runs on the same collection, and <paramref name="DuringEvaluationOverIdle"/> its QPS over the same load without it.
/// </summary>
internal sealed record GrpcBenchReport(int N, int Dim, int K, int Ef, double Seconds, double InProcessQps, int InProcessThreads, IReadOnlyList<GrpcLoadRun> Runs,
    double SearchBatchQps, int SearchBatchSize, GrpcLoadRun DuringEvaluation, double DuringEvaluationOverIdle);

/// <summary>
/// Loopback load on a real server in this process: N concurrent clients (one channel each) send Search for a fixed time;
/// the same collection is searched in process on every core at the same ef; then SearchBatch throughput.
/// </summary>
internal static class GrpcBench
{
    /// <summary>Imports the base vectors into a fresh server, then runs the load levels.</summary>
    public static async Task<GrpcBenchReport> RunAsync(VectorSet vectors, VectorSet queries, int[] clientCounts, double seconds, int k, int ef, string workFolder, ProgressLog log)
    {
        string root = Path.Combine(workFolder, $"arcvdb-grpc-bench-{Guid.NewGuid():N}");
        try
        {
            await using var server = await VectorDbServer.StartAsync(new ServerOptions { DatabasePath = root, CreateDatabase = true, Listen = "127.0.0.1:0" });
            var collection = server.Database.CreateCollection(new CollectionSettings { Name = "bench", Dimension = vectors.Dimension });
            await ConsoleProgress.RunAsync($"importing {vectors.Count} vectors", vectors.Count, "vectors", log, async progress =>
            {
                for (int start = 0; start < vectors.Count; start += 4096)
                {
                    int end = Math.Min(vectors.Count, start + 4096);
                    var records = Enumerable.Range(start, end - start).Select(i => LogRecord.Upsert((ulong)i, vectors.Row(i).ToArray())).ToArray();
                    await collection.UpsertAsync(records, Durability.FireAndForget);
                    progress.Report(end);
                }
            });
            var requests = SearchLoad.Requests(queries, "bench", k, ef);

            double inProcess = InProcessQps(collection, queries, k, ef, seconds);
            log.Line($"in process, {Environment.ProcessorCount} threads: {inProcess:F0} QPS");
            var runs = new List<GrpcLoadRun>();
            foreach (int clients in clientCounts)
            {
                var run = await LoadAsync(server.Address, requests, clients, seconds);
                runs.Add(run with { OverInProcess = run.Qps / inProcess });
                log.Line($"{clients} clients: {run.Qps:F0} QPS, p50 {run.P50Us:F0} µs, p99 {run.P99Us:F0} µs, {run.Errors} errors, {run.Qps / inProcess:P0} of in-process");
            }
            double batchQps = await BatchQpsAsync(server.Address, requests, 100, seconds);
            log.Line($"SearchBatch of 100 from one client: {batchQps:F0} queries/s");
            var busiest = runs.MaxBy(r => r.Qps)!;
            var during = await DuringEvaluationAsync(server.Address, requests, busiest.Clients, seconds);
            log.Line($"{during.Clients} clients while an ANN evaluation job runs: {during.Qps:F0} QPS, p99 {during.P99Us:F0} µs, {during.Errors} errors, {during.Qps / busiest.Qps:P0} of the same load without it");
            return new GrpcBenchReport(vectors.Count, vectors.Dimension, k, ef, seconds, inProcess, Environment.ProcessorCount, runs, batchQps, 100,
                during with { OverInProcess = during.Qps / inProcess }, during.Qps / busiest.Qps);
        }
        finally
        {
            if (Directory.Exists(root))
                Directory.Delete(root, recursive: true);
        }
    }

    private static double InProcessQps(VectorCollection collection, VectorSet queries, int k, int ef, double seconds)
    {
        long done = 0;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, Environment.ProcessorCount, worker =>
        {
            for (int q = worker; clock.Elapsed.TotalSeconds < seconds; q = (q + Environment.ProcessorCount) % queries.Count)
            {
                collection.Search(queries.Row(q), k, ef);
                Interlocked.Increment(ref done);
            }
        });
        return done / clock.Elapsed.TotalSeconds;
    }

    private static async Task<GrpcLoadRun> LoadAsync(Uri address, SearchRequest[] requests, int clients, double seconds)
    {
        var run = await SearchLoad.RunAsync(address, requests, clients, seconds);
        return new GrpcLoadRun(run.Clients, run.Qps, run.P50Us, run.P99Us, run.Errors, 0);
    }

    /// <summary>The load again while an ANN evaluation job (exact ground truth, then an ef sweep) runs on the collection; the job is cancelled afterwards.</summary>
    private static async Task<GrpcLoadRun> DuringEvaluationAsync(Uri address, SearchRequest[] requests, int clients, double seconds)
    {
        using var channel = GrpcChannel.ForAddress(address);
        var evaluation = new Protos.Evaluation.EvaluationClient(channel);
        var job = await evaluation.StartAnnEvaluationAsync(new AnnEvaluationRequest { Collection = "bench", Sample = 5000, Ef = { 16, 32, 64, 128, 256, 512 } });
        using (var watch = evaluation.WatchJob(new JobRequest { Id = job.Id }))
        {
            while (await watch.ResponseStream.MoveNext(CancellationToken.None) && watch.ResponseStream.Current.State != JobState.Running)
            {
            }
        }
        var run = await LoadAsync(address, requests, clients, seconds);
        var after = await evaluation.CancelJobAsync(new JobRequest { Id = job.Id });
        if (after.State != JobState.Running)
            throw new InvalidOperationException($"The evaluation job was {after.State} before the load ended: the measurement did not overlap it ({after.Error}).");
        return run;
    }

    private static async Task<double> BatchQpsAsync(Uri address, SearchRequest[] requests, int batchSize, double seconds)
    {
        using var channel = GrpcChannel.ForAddress(address);
        var client = new Protos.VectorDb.VectorDbClient(channel);
        long answered = 0;
        var clock = Stopwatch.StartNew();
        for (int start = 0; clock.Elapsed.TotalSeconds < seconds; start = (start + batchSize) % requests.Length)
        {
            var batch = new SearchBatchRequest();
            batch.Searches.AddRange(Enumerable.Range(0, batchSize).Select(i => requests[(start + i) % requests.Length]));
            answered += (await client.SearchBatchAsync(batch)).Results.Count;
        }
        return answered / clock.Elapsed.TotalSeconds;
    }
}
