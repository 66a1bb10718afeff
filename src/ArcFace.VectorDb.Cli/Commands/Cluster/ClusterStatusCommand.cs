using System.CommandLine;
using ArcFace.VectorDb.Cli.Commands.Serving;
using ArcFace.VectorDb.Protos;
using Google.Protobuf;
using Grpc.Core;
using Spectre.Console;

namespace ArcFace.VectorDb.Cli.Commands.Cluster;

/// <summary>`arcvdb cluster status`: the silos of a cluster and where each collection's shards run, as any silo sees them.</summary>
internal static class ClusterStatusCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var server = new ServerClientOptions("Any silo's gRPC address, e.g. http://127.0.0.1:50051.", "http://127.0.0.1:50051");
        var json = new Option<bool>("--json") { Description = "Print the status as JSON (the API's ClusterStatus message, snake_case keys) instead of tables." };
        var command = new Command("status", "List the cluster's silos (address, status, shards held, points, bytes) and each collection's shards (silo, points, bytes, lease epoch).")
        {
            server.Server, server.ApiKey, json,
        };
        command.SetAction((result, cancellation) => UserErrors.RunAsync(result, async log =>
        {
            using var connection = server.Connect(result);
            ClusterStatus status;
            try
            {
                status = await connection.VectorDb.GetClusterStatusAsync(new GetClusterStatusRequest(), connection.Headers, cancellationToken: cancellation);
            }
            catch (RpcException e)
            {
                log.Line(connection.Explain(e));
                return 1;
            }
            var output = result.InvocationConfiguration.Output;
            if (result.GetValue(json))
                output.WriteLine(new JsonFormatter(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true).WithFormatDefaultValues(true)).Format(status));
            else
                Write(status, TableConsole.For(output));
            return 0;
        }));
        return command;
    }

    private static void Write(ClusterStatus status, IAnsiConsole console)
    {
        var silos = new Table().Title($"cluster '{status.ClusterId}': silos");
        foreach (string column in (string[])["silo", "status", "shards", "points", "disk MiB", "index MiB"])
            silos.AddColumn(column);
        foreach (var silo in status.Silos)
            silos.AddRow(silo.Address, silo.Status, $"{silo.Shards}", $"{silo.Points:N0}", Mib(silo.DiskBytes), Mib(silo.IndexMemoryBytes));
        console.Write(silos);
        foreach (var collection in status.Collections)
        {
            var shards = new Table().Title($"collection '{collection.Name}': {collection.Shards.Count} shards");
            foreach (string column in (string[])["shard", "silo", "points", "disk MiB", "index MiB", "lease epoch"])
                shards.AddColumn(column);
            foreach (var shard in collection.Shards)
                shards.AddRow($"{shard.Index}", shard.Silo, $"{shard.Points:N0}", Mib(shard.DiskBytes), Mib(shard.IndexMemoryBytes), $"{shard.LeaseEpoch}");
            console.Write(shards);
        }
    }

    private static string Mib(ulong bytes) => $"{bytes / (1024.0 * 1024):F1}";
}
