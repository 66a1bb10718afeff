using System.CommandLine;
using ArcFace.VectorDb.Core.Formats;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>`arcvdb bench grpc`: search QPS and latency through gRPC on loopback against in-process search.</summary>
internal static class GrpcBenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var vectors = new Option<FileInfo>("--base") { Description = "Vectors to serve (.fvecs, .bvecs or .npy).", Required = true };
        var queries = new Option<FileInfo>("--query") { Description = "Query vectors.", Required = true };
        var limit = new Option<int?>("--limit") { Description = "Use only the first N base vectors." };
        var clients = ListOption.OfPositiveInts("--clients", "Concurrent clients per load level", [1, 8, 32]);
        var seconds = new Option<double>("--seconds") { Description = "Seconds per load level.", DefaultValueFactory = _ => 5 };
        var k = new Option<int>("--k", "-k") { Description = "Results per search.", DefaultValueFactory = _ => 10 }.Between(1, 10_000);
        var ef = new Option<int>("--ef") { Description = "Candidate list size.", DefaultValueFactory = _ => 64 }.Between(1, 100_000);
        var work = new Option<DirectoryInfo>("--work-dir") { Description = "Where the temporary database goes (deleted afterwards).", DefaultValueFactory = _ => new DirectoryInfo(Path.GetTempPath()) };
        var json = new Option<FileInfo?>("--json") { Description = "Write the report as JSON to this file." };
        var command = new Command("grpc", "Serve a vector file on loopback and load it with 1, 8, 32 concurrent gRPC clients for a fixed time (QPS, p50/p99, errors), next to in-process search at the same ef, plus SearchBatch throughput.")
        {
            vectors, queries, limit, clients, seconds, k, ef, work, json,
        };
        command.SetAction((result, _) => UserErrors.RunAsync(result, async log =>
        {
            var baseSet = VectorFiles.ReadVectors(result.GetValue(vectors)!.FullName, result.GetValue(limit) ?? int.MaxValue);
            var querySet = VectorFiles.ReadVectors(result.GetValue(queries)!.FullName);
            var report = await GrpcBench.RunAsync(baseSet, querySet, result.GetValue(clients)!, result.GetValue(seconds), result.GetValue(k), Math.Max(result.GetValue(ef), result.GetValue(k)), result.GetValue(work)!.FullName, log);
            ReportJson.Emit(result, report, result.GetValue(json));
            return 0;
        }));
        return command;
    }
}
