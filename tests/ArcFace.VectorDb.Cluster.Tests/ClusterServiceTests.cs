using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Testing;
using Google.Protobuf;
using Grpc.Core;

namespace ArcFace.VectorDb.Cluster.Tests;

/// <summary>The images API of a cluster silo against a single node holding the same images: the same answers, through a real gRPC server.</summary>
public sealed partial class ClusterServiceTests(ClusterAndSingleNode servers) : IClassFixture<ClusterAndSingleNode>
{
    private const string Model = "fashion-mnist-arcface.onnx";

    /// <summary>Four images of each of the ten classes of the bundled gallery: (name, label, bytes).</summary>
    private static readonly (string Name, string Label, byte[] Bytes)[] Gallery = [.. Directory.GetDirectories(RepositoryFiles.Path("assets", "gallery", "fashion-mnist"))
        .Order(StringComparer.Ordinal)
        .SelectMany(folder => Directory.GetFiles(folder, "*.png").Order(StringComparer.Ordinal).Take(4)
            .Select(file => ($"{Path.GetFileName(folder)}/{Path.GetFileName(file)}", Path.GetFileName(folder), File.ReadAllBytes(file))))];

    [Fact]
    public async Task Images_ingested_through_a_silo_search_by_image_as_on_one_node_and_thumbnails_come_from_their_shard()
    {
        await servers.CreateAsync(new CreateCollectionRequest { Name = "img", Model = Model }, shards: 4);
        byte[] garbage = [1, 2, 3, 4];
        var images = Gallery.Append(("broken.png", "none", garbage)).ToArray();

        var clusterSummary = await IngestAsync(servers.Points.Cluster, "img", images);
        var singleSummary = await IngestAsync(servers.Points.Single, "img", images);

        Assert.Equal((41ul, 40ul, 1ul, 0ul), (clusterSummary.Received, clusterSummary.Ingested, clusterSummary.Failed, clusterSummary.Skipped));
        Assert.Equal((singleSummary.Ingested, singleSummary.Points), (clusterSummary.Ingested, clusterSummary.Points));
        Assert.Equal("broken.png", Assert.Single(clusterSummary.Errors).Name);
        Assert.Single(Directory.GetFiles(Path.Combine(servers.DataDirectory, "reports"), "ingest-img-*.errors.jsonl"));
        var info = await servers.Points.Cluster.GetCollectionAsync(new GetCollectionRequest { Name = "img" });
        Assert.Equal((40ul, 4u, 40ul), (info.Count, info.Shards, info.Thumbnails));

        foreach (var (name, _, bytes) in Gallery.Where((_, i) => i % 7 == 0))
        {
            var request = new SearchByImageRequest { Collection = "img", Image = ByteString.CopyFrom(bytes), K = 10, Ef = 200 };
            var sharded = await servers.Points.Cluster.SearchByImageAsync(request);
            var single = await servers.Points.Single.SearchByImageAsync(request);
            Assert.Equal(single.Hits.Select(hit => hit.Id), sharded.Hits.Select(hit => hit.Id));
            Assert.All(single.Hits.Zip(sharded.Hits), pair => Assert.Equal(pair.First.Score, pair.Second.Score, 1e-5f));
            Assert.Equal(single.Hits.Select(hit => (hit.Label, hit.Source)), sharded.Hits.Select(hit => (hit.Label, hit.Source)));
            Assert.Equal(name, sharded.Hits[0].Source);

            var thumbnail = new GetThumbnailRequest { Collection = "img", Id = sharded.Hits[0].Id };
            var fromShard = await servers.Points.Cluster.GetThumbnailAsync(thumbnail);
            Assert.Equal("image/jpeg", fromShard.ContentType);
            Assert.Equal((await servers.Points.Single.GetThumbnailAsync(thumbnail)).Data, fromShard.Data);
        }
    }

    [Fact]
    public async Task Search_by_image_refuses_as_one_node_does_and_a_missing_thumbnail_is_not_found()
    {
        await servers.CreateAsync(new CreateCollectionRequest { Name = "refusals", Model = Model }, shards: 3);
        await servers.Points.Cluster.CreateCollectionAsync(new CreateCollectionRequest { Name = "plain", Dimension = 8, Shards = 2 });
        await servers.Points.Single.CreateCollectionAsync(new CreateCollectionRequest { Name = "plain", Dimension = 8 });
        var requests = new[]
        {
            new SearchByImageRequest { Collection = "refusals", Image = ByteString.CopyFrom([1, 2, 3]), K = 1 },
            new SearchByImageRequest { Collection = "refusals", K = 1 },
            new SearchByImageRequest { Collection = "refusals", Image = ByteString.CopyFrom(Gallery[0].Bytes), K = 0 },
            new SearchByImageRequest { Collection = "nope", Image = ByteString.CopyFrom(Gallery[0].Bytes), K = 1 },
            new SearchByImageRequest { Collection = "plain", Image = ByteString.CopyFrom(Gallery[0].Bytes), K = 1 },
        };
        foreach (var request in requests)
        {
            var single = await Assert.ThrowsAsync<RpcException>(() => servers.Points.Single.SearchByImageAsync(request).ResponseAsync);
            var sharded = await Assert.ThrowsAsync<RpcException>(() => servers.Points.Cluster.SearchByImageAsync(request).ResponseAsync);
            Assert.Equal(single.StatusCode, sharded.StatusCode);
        }
        var missing = await Assert.ThrowsAsync<RpcException>(() => servers.Points.Cluster.GetThumbnailAsync(new GetThumbnailRequest { Collection = "refusals", Id = 42 }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_resumed_ingest_skips_the_images_the_shards_already_hold()
    {
        await servers.Points.Cluster.CreateCollectionAsync(new CreateCollectionRequest { Name = "resume", Model = Model, Shards = 4 });
        await IngestAsync(servers.Points.Cluster, "resume", Gallery.Take(12));

        var resumed = await IngestAsync(servers.Points.Cluster, "resume", Gallery.Take(20), resume: true);
        var again = await IngestAsync(servers.Points.Cluster, "resume", Gallery.Take(20), skipThumbnails: true);

        Assert.Equal((20ul, 8ul, 12ul), (resumed.Received, resumed.Ingested, resumed.Skipped));
        Assert.Equal((20ul, 0ul), (again.Ingested, again.Skipped));
        Assert.Equal(20ul, (await servers.Points.Cluster.GetCollectionAsync(new GetCollectionRequest { Name = "resume" })).Count);
    }

    private static async Task<IngestImagesSummary> IngestAsync(Protos.VectorDb.VectorDbClient client, string collection, IEnumerable<(string Name, string Label, byte[] Bytes)> images,
        bool resume = false, bool skipThumbnails = false)
    {
        using var call = client.IngestImages();
        var reading = Task.Run(async () =>
        {
            IngestImagesSummary? summary = null;
            await foreach (var response in call.ResponseStream.ReadAllAsync())
                summary = response.Summary ?? summary;
            return summary ?? throw new InvalidOperationException("The call ended without a summary.");
        });
        var requests = images.Select((image, i) => new IngestImagesRequest
        {
            Collection = i == 0 ? collection : "", Name = image.Name, Label = image.Label, Image = ByteString.CopyFrom(image.Bytes), Resume = resume, SkipThumbnails = skipThumbnails,
        });
        return await ClientStreams.SendAllAsync(call.RequestStream, requests, reading);
    }
}
