using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Server.Hosting;
using ArcFace.VectorDb.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;

namespace ArcFace.VectorDb.Server.Tests;

/// <summary>A real server on 127.0.0.1 (free port) over a temporary database, with a client.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly TempDirectory directory;
    private readonly GrpcChannel channel;

    private TestServer(TempDirectory directory, VectorDbServer server)
    {
        this.directory = directory;
        Server = server;
        channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { MaxReceiveMessageSize = null, MaxSendMessageSize = null });
        Client = new Protos.VectorDb.VectorDbClient(channel);
        Evaluation = new Protos.Evaluation.EvaluationClient(channel);
        Health = new Grpc.Health.V1.Health.HealthClient(channel);
    }

    /// <summary>The running server.</summary>
    public VectorDbServer Server { get; }

    /// <summary>A client of the VectorDb service.</summary>
    public Protos.VectorDb.VectorDbClient Client { get; }

    /// <summary>A client of the Evaluation service.</summary>
    public Protos.Evaluation.EvaluationClient Evaluation { get; }

    /// <summary>A client of the health service.</summary>
    public Grpc.Health.V1.Health.HealthClient Health { get; }

    /// <summary>The folder of the bundled model (for collections that embed images).</summary>
    public static string ModelDirectory => Path.Combine(AppContext.BaseDirectory, "Models");

    /// <summary>Starts a server; <paramref name="configure"/> may change the options; <paramref name="logs"/> takes its log.</summary>
    public static async Task<TestServer> StartAsync(Func<ServerOptions, ServerOptions>? configure = null, ILoggerProvider? logs = null)
    {
        var directory = new TempDirectory();
        var options = new ServerOptions { DatabasePath = directory.File("db"), CreateDatabase = true, Listen = "127.0.0.1:0", ModelDirectory = ModelDirectory };
        var server = await VectorDbServer.StartAsync(configure?.Invoke(options) ?? options, logs);
        return new TestServer(directory, server);
    }

    /// <summary><paramref name="options"/> with an API key file of <paramref name="lines"/> next to the database.</summary>
    public static ServerOptions WithApiKeys(ServerOptions options, params string[] lines)
    {
        string file = Path.Combine(Path.GetDirectoryName(options.DatabasePath)!, "keys.txt");
        System.IO.File.WriteAllLines(file, lines);
        return options with { ApiKeyFile = file };
    }

    /// <summary>Call headers that present <paramref name="key"/>.</summary>
    public static Metadata Bearer(string key) => new() { { "authorization", $"Bearer {key}" } };

    /// <summary>A file in the test's temporary folder.</summary>
    public string File(string name) => directory.File(name);

    /// <summary>Creates a collection of <paramref name="dimension"/>-d cosine vectors.</summary>
    public Task<CollectionInfo> CreateAsync(string name, uint dimension, Metadata? headers = null) =>
        Client.CreateCollectionAsync(new CreateCollectionRequest { Name = name, Dimension = dimension }, headers).ResponseAsync;

    /// <summary>Upserts points in one streamed batch, durable unless <paramref name="wait"/> is false.</summary>
    public async Task<ulong> UpsertAsync(string collection, IEnumerable<Point> points, Metadata? headers = null, bool wait = true)
    {
        using var call = Client.Upsert(headers);
        var request = new UpsertRequest { Collection = collection, Wait = wait };
        request.Points.AddRange(points);
        return (await ClientStreams.SendAllAsync(call.RequestStream, [request], call.ResponseAsync)).Upserted;
    }

    /// <summary>A deterministic pseudo-random point.</summary>
    public static Point Point(ulong id, int dimension, string label = "", int seed = 0)
    {
        var random = new Random((int)id * 7919 + seed);
        var point = new Point { Id = id, Label = label, Source = $"src-{id}" };
        for (int i = 0; i < dimension; i++)
            point.Vector.Add((float)(random.NextDouble() * 2 - 1));
        point.Attributes["parity"] = id % 2 == 0 ? "even" : "odd";
        return point;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        channel.Dispose();
        await Server.DisposeAsync();
        directory.Dispose();
    }
}
