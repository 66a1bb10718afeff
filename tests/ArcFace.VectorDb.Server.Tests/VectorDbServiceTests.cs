using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Embedding.Onnx;
using ArcFace.VectorDb.Embedding.Preprocessing;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Testing;
using ArcFace.VectorDb.Testing.Images;
using Google.Protobuf;

namespace ArcFace.VectorDb.Server.Tests;

/// <summary>Every RPC end to end through a real Kestrel server and a real client.</summary>
public class VectorDbServiceTests
{
    private const int Dim = 16;

    [Fact]
    public async Task Collections_are_created_listed_described_and_dropped()
    {
        await using var test = await TestServer.StartAsync();

        var created = await test.CreateAsync("faces", Dim);
        await test.Client.CreateCollectionAsync(new CreateCollectionRequest { Name = "l2", Dimension = 3, Metric = Metric.L2, M = 8, EfConstruction = 50 });
        var listed = await test.Client.ListCollectionsAsync(new ListCollectionsRequest());
        var described = await test.Client.GetCollectionAsync(new GetCollectionRequest { Name = "l2" });
        var dropped = await test.Client.DropCollectionAsync(new DropCollectionRequest { Name = "faces" });
        var after = await test.Client.ListCollectionsAsync(new ListCollectionsRequest());

        Assert.Equal(("faces", (uint)Dim, Metric.Cosine, 16u, 200u), (created.Name, created.Dimension, created.Metric, created.M, created.EfConstruction));
        Assert.Equal(["faces", "l2"], listed.Collections.Select(c => c.Name).Order());
        Assert.Equal((Metric.L2, 8u, 50u, 0ul), (described.Metric, described.M, described.EfConstruction, described.Count));
        Assert.True(dropped.Dropped);
        Assert.Equal(["l2"], after.Collections.Select(c => c.Name));
    }

    [Fact]
    public async Task Upserted_points_come_back_from_get_and_deletes_remove_them()
    {
        await using var test = await TestServer.StartAsync();
        await test.CreateAsync("c", Dim);
        var points = Enumerable.Range(1, 50).Select(i => TestServer.Point((ulong)i, Dim, $"person-{i % 5}")).ToList();

        ulong upserted = await test.UpsertAsync("c", points);
        var got = await test.Client.GetAsync(new GetRequest { Collection = "c", Ids = { 3, 4, 999 }, WithVectors = true });
        var deleted = await test.Client.DeleteAsync(new DeleteRequest { Collection = "c", Ids = { 3, 999 }, Wait = true });
        var afterDelete = await test.Client.GetAsync(new GetRequest { Collection = "c", Ids = { 3, 4 } });
        var info = await test.Client.GetCollectionAsync(new GetCollectionRequest { Name = "c" });

        Assert.Equal(50ul, upserted);
        Assert.Equal([3ul, 4ul], got.Points.Select(p => p.Id));
        var three = got.Points[0];
        Assert.Equal(("person-3", "src-3", "odd"), (three.Label, three.Source, three.Attributes["parity"]));
        var expected = Normalised(points[2].Vector);
        Assert.Equal(expected, three.Vector, (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Equal(1ul, deleted.Deleted);
        Assert.Equal([4ul], afterDelete.Points.Select(p => p.Id));
        Assert.Empty(afterDelete.Points[0].Vector);
        Assert.Equal(49ul, info.Count);
    }

    [Fact]
    public async Task Search_through_grpc_returns_exactly_the_in_process_results_and_filters_by_label_and_attribute()
    {
        await using var test = await TestServer.StartAsync();
        await test.CreateAsync("c", Dim);
        await test.UpsertAsync("c", Enumerable.Range(1, 400).Select(i => TestServer.Point((ulong)i, Dim, $"person-{i % 7}")));
        var collection = test.Server.Database.GetCollection("c");

        for (int q = 0; q < 20; q++)
        {
            var query = TestServer.Point(10_000 + (ulong)q, Dim);
            var request = new SearchRequest { Collection = "c", Vector = { query.Vector }, K = 10, Ef = 50 };
            var remote = await test.Client.SearchAsync(request);
            var local = collection.Search([.. query.Vector], 10, 50);
            Assert.Equal(local.Select(h => (h.Id, h.Score)), remote.Hits.Select(h => (h.Id, h.Score)));
            Assert.True(remote.Hits.Zip(remote.Hits.Skip(1)).All(p => p.First.Score >= p.Second.Score));

            request.Filter = new Filter { Labels = { "person-2", "person-3" }, Attributes = { ["parity"] = "even" } };
            var filtered = await test.Client.SearchAsync(request);
            Assert.Equal(10, filtered.Hits.Count);
            Assert.All(filtered.Hits, h => Assert.True(h.Label is "person-2" or "person-3" && h.Attributes["parity"] == "even" && h.Id % 2 == 0));
        }
    }

    [Fact]
    public async Task Search_batch_answers_every_query_in_order_as_single_searches_do()
    {
        await using var test = await TestServer.StartAsync();
        await test.CreateAsync("c", Dim);
        await test.UpsertAsync("c", Enumerable.Range(1, 300).Select(i => TestServer.Point((ulong)i, Dim)));
        var batch = new SearchBatchRequest();
        for (int q = 0; q < 32; q++)
            batch.Searches.Add(new SearchRequest { Collection = "c", Vector = { TestServer.Point(5000 + (ulong)q, Dim).Vector }, K = 5, Ef = 40, WithVectors = q == 0 });

        var results = await test.Client.SearchBatchAsync(batch);

        Assert.Equal(32, results.Results.Count);
        for (int q = 0; q < 32; q++)
        {
            var single = await test.Client.SearchAsync(batch.Searches[q]);
            Assert.Equal(single.Hits.Select(h => h.Id), results.Results[q].Hits.Select(h => h.Id));
        }
        Assert.Equal(Dim, results.Results[0].Hits[0].Vector.Count);
    }

    [Fact]
    public async Task Search_by_image_embeds_with_the_collections_model_and_finds_the_image_itself_first()
    {
        await using var test = await TestServer.StartAsync();
        var info = await test.Client.CreateCollectionAsync(new CreateCollectionRequest { Name = "img", Model = "fashion-mnist-arcface.onnx" });
        using var embedder = OnnxEmbedder.Open(new EmbedderOptions { ModelPath = Path.Combine(TestServer.ModelDirectory, "fashion-mnist-arcface.onnx") }, new PreprocessChoice());
        using var dir = new TempDirectory();
        var photos = Enumerable.Range(0, 12).Select(i => GalleryFiles.Photo(png: i % 2 == 0, 40 + i, 30 + 2 * i, seed: i * 5)).ToArray();
        var points = new List<Point>();
        var tensor = new float[embedder.Spec.TensorLength];
        var vector = new float[embedder.Dimension];
        for (int i = 0; i < photos.Length; i++)
        {
            string path = dir.File($"{i}.img");
            File.WriteAllBytes(path, photos[i]);
            Assert.Null(ImagePreparation.Prepare(new GalleryItem(path, "", "", 0), embedder.Spec, new DecodeLimits(), tensor));
            embedder.Embed(tensor, 1, vector);
            points.Add(new Point { Id = (ulong)i + 1, Vector = { vector }, Label = $"photo-{i}" });
        }
        await test.UpsertAsync("img", points);

        var hits = await test.Client.SearchByImageAsync(new SearchByImageRequest { Collection = "img", Image = ByteString.CopyFrom(photos[7]), K = 3 });

        Assert.Equal((128u, embedder.ModelId), (info.Dimension, info.Model));
        Assert.Equal(8ul, hits.Hits[0].Id);
        Assert.True(hits.Hits[0].Score > 0.9999f);
    }

    private static float[] Normalised(IEnumerable<float> vector)
    {
        var values = vector.ToArray();
        float norm = MathF.Sqrt(values.Sum(v => v * v));
        return [.. values.Select(v => v / norm)];
    }
}
