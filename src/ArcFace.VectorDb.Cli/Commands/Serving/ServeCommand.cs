using System.CommandLine;
using ArcFace.VectorDb.Cli.Commands.Embedding;
using ArcFace.VectorDb.Cli.Commands.Storage;
using ArcFace.VectorDb.Cluster.Hosting;
using ArcFace.VectorDb.Server.Hosting;
using ArcFace.VectorDb.Server.Observability;

namespace ArcFace.VectorDb.Cli.Commands.Serving;

/// <summary>`arcvdb serve`: the gRPC server over a database.</summary>
internal static class ServeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var db = DatabaseOptions.Database();
        db.Required = false;
        db.Description = "The database directory of a single node (or --cluster and --data for a silo of a cluster).";
        var cluster = new ClusterServeSettings();
        var listen = new Option<string>("--listen") { Description = "host:port to listen on (plain text only on loopback unless --insecure).", DefaultValueFactory = _ => "127.0.0.1:50051" };
        var apiKeys = new Option<FileInfo?>("--api-key-file") { Description = "API keys, one per line: KEY [read|write]. Every call but health then needs 'authorization: Bearer KEY'." };
        var tlsCert = new Option<FileInfo?>("--tls-cert") { Description = "PEM certificate: serve TLS (with --tls-key)." };
        var tlsKey = new Option<FileInfo?>("--tls-key") { Description = "PEM private key of --tls-cert." };
        var create = new Option<bool>("--create") { Description = "Create the database when --db is absent or empty (without it, a missing database is an error, so a mistyped path is not served empty)." };
        var modelDir = new Option<DirectoryInfo>("--model-dir") { Description = "Folder of ONNX models collections may name (for SearchByImage and IngestImages); the default is the bundled models' folder.", DefaultValueFactory = _ => new DirectoryInfo(BundledAssets.ModelFolder) };
        var insecure = new Option<bool>("--insecure") { Description = "Allow plain text on a non-loopback address." };
        var metricsListen = new Option<string?>("--metrics-listen") { Description = "host:port of a second, HTTP/1.1 endpoint serving Prometheus metrics at /metrics, no API key needed (TLS with --tls-cert), e.g. 127.0.0.1:9464. Off by default." };
        var httpListen = new Option<string?>("--http-listen") { Description = "host:port of an HTTP/1.1 endpoint of its own serving the same API as JSON under /v1/ (same API keys as 'Authorization: Bearer KEY'; plain text only on loopback unless --insecure, TLS with --tls-cert) and its OpenAPI document at /openapi.json, e.g. 127.0.0.1:8080. Off by default." };
        var logFormat = new Option<string>("--log-format") { Description = "Log on stderr, one line per call (method, status, ms, peer, collection): text or json (one JSON object per line).", DefaultValueFactory = _ => "text" };
        var maxResponse = new Option<int>("--max-response-mib") { Description = "Largest reply one call may get, in MiB; a larger one is RESOURCE_EXHAUSTED (ask for fewer points or leave out vectors).", DefaultValueFactory = _ => 16 }.AtLeast(1);
        var shutdown = new Option<double>("--shutdown-timeout") { Description = "Seconds a stop (Ctrl-C, SIGTERM) lets running calls finish before cutting them off; acknowledged writes are committed either way.", DefaultValueFactory = _ => 5 }.AtLeast(0);
        logFormat.AcceptOnlyFromAmong("text", "json");
        var command = new Command("serve", "Serve the database over gRPC (VectorDb and Evaluation services, health, reflection), and as JSON over HTTP with --http-listen, until Ctrl-C; " +
            "stopping commits everything acknowledged. With --cluster instead of --db, run one silo of a cluster: sharded collections on a shared --data folder, any silo answers.")
        {
            db, create, listen, apiKeys, tlsCert, tlsKey, modelDir, insecure, metricsListen, httpListen, logFormat, maxResponse, shutdown,
        };
        cluster.AddTo(command);
        command.Validators.Add(result =>
        {
            if ((result.GetResult(db) is null) == !cluster.IsCluster(result))
                result.AddError("Give --db DIR (a single node) or --cluster redis://HOST:PORT with --data DIR (a silo of a cluster), not both.");
        });
        command.SetAction((result, cancellation) => UserErrors.RunAsync(result, async log =>
        {
            var options = new ServerOptions
            {
                DatabasePath = result.GetValue(db)?.FullName ?? "", CreateDatabase = result.GetValue(create), Listen = result.GetValue(listen)!, ApiKeyFile = result.GetValue(apiKeys)?.FullName,
                TlsCertificate = result.GetValue(tlsCert)?.FullName, TlsKey = result.GetValue(tlsKey)?.FullName,
                ModelDirectory = result.GetValue(modelDir)!.FullName, Insecure = result.GetValue(insecure),
                MetricsListen = result.GetValue(metricsListen), HttpListen = result.GetValue(httpListen), LogFormat = Enum.Parse<LogFormat>(result.GetValue(logFormat)!, ignoreCase: true),
                MaxResponseBytes = (int)Math.Min(result.GetValue(maxResponse) * 1024L * 1024, int.MaxValue),
                ShutdownTimeout = TimeSpan.FromSeconds(result.GetValue(shutdown)),
            };
            string keys = options.ApiKeyFile is null ? "no API keys" : "API keys required";
            if (cluster.IsCluster(result.CommandResult))
            {
                var silo = cluster.Read(result);
                await using var member = await ClusterServer.StartAsync(options, silo, cancellation: cancellation);
                log.Line($"silo {silo.SiloAddress}:{silo.SiloPort} of cluster '{silo.ClusterId}' (membership in Redis at {silo.Redis}, data in {silo.DataDirectory}) serving on {member.Address} ({keys}); Ctrl-C stops");
                AnnounceMetrics(log, member.MetricsAddress);
                await RunUntilStopped(log, cancellation);
                return 0;
            }
            await using var server = await VectorDbServer.StartAsync(options, cancellation: cancellation);
            log.Line($"serving {options.DatabasePath} on {server.Address} ({keys}); Ctrl-C stops");
            AnnounceMetrics(log, server.MetricsAddress);
            if (server.HttpAddress is not null)
                log.Line($"JSON API at {new Uri(server.HttpAddress, "/v1/")}, OpenAPI document at {server.OpenApiAddress}");
            await RunUntilStopped(log, cancellation);
            return 0;
        }));
        return command;
    }

    private static void AnnounceMetrics(ProgressLog log, Uri? metrics)
    {
        if (metrics is not null)
            log.Line($"metrics at {metrics}");
    }

    private static async Task RunUntilStopped(ProgressLog log, CancellationToken cancellation)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellation);
        }
        catch (OperationCanceledException)
        {
            log.Line("stopping: finishing calls and committing");
        }
    }
}
