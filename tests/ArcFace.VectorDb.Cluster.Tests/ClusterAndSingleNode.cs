using ArcFace.VectorDb.Cluster.Hosting;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Server.Hosting;
using ArcFace.VectorDb.Cli.Commands.Bench;
using ArcFace.VectorDb.Testing;
using Grpc.Net.Client;

namespace ArcFace.VectorDb.Cluster.Tests;

/// <summary>A one-silo cluster server (Orleans localhost clustering) and a single-node server, each on a real Kestrel on loopback, with clients of both services.</summary>
public sealed class ClusterAndSingleNode : IAsyncLifetime
{
    private readonly TempDirectory folder = new();
    private GrpcChannel clusterChannel = null!, singleChannel = null!;

    /// <summary>The cluster's silo.</summary>
    public ClusterServer Cluster { get; private set; } = null!;

    /// <summary>The single node.</summary>
    public VectorDbServer Single { get; private set; } = null!;

    /// <summary>The cluster's shared data folder.</summary>
    public string DataDirectory => folder.File("data");

    /// <summary>VectorDb clients: cluster, single node.</summary>
    public (Protos.VectorDb.VectorDbClient Cluster, Protos.VectorDb.VectorDbClient Single) Points { get; private set; }

    /// <summary>Evaluation clients: cluster, single node.</summary>
    public (Protos.Evaluation.EvaluationClient Cluster, Protos.Evaluation.EvaluationClient Single) Evaluation { get; private set; }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        string models = RepositoryFiles.Path("assets", "models");
        Cluster = await ClusterServer.StartAsync(new ServerOptions { Listen = "127.0.0.1:0", DatabasePath = "", ModelDirectory = models },
            new ClusterServeOptions { Redis = null, DataDirectory = DataDirectory, SiloPort = LoopbackPort.Free(), GatewayPort = 0 });
        Single = await VectorDbServer.StartAsync(new ServerOptions { Listen = "127.0.0.1:0", DatabasePath = folder.File("db"), CreateDatabase = true, ModelDirectory = models });
        var options = new GrpcChannelOptions { MaxReceiveMessageSize = null, MaxSendMessageSize = null };
        clusterChannel = GrpcChannel.ForAddress(Cluster.Address, options);
        singleChannel = GrpcChannel.ForAddress(Single.Address, options);
        Points = (new Protos.VectorDb.VectorDbClient(clusterChannel), new Protos.VectorDb.VectorDbClient(singleChannel));
        Evaluation = (new Protos.Evaluation.EvaluationClient(clusterChannel), new Protos.Evaluation.EvaluationClient(singleChannel));
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        clusterChannel.Dispose();
        singleChannel.Dispose();
        await Cluster.DisposeAsync();
        await Single.DisposeAsync();
        folder.Dispose();
    }

    /// <summary>Creates the same collection on both: <paramref name="shards"/> shards on the cluster, one on the single node.</summary>
    public async Task CreateAsync(CreateCollectionRequest request, uint shards)
    {
        var sharded = request.Clone();
        sharded.Shards = shards;
        await Points.Cluster.CreateCollectionAsync(sharded);
        await Points.Single.CreateCollectionAsync(request);
    }
}
