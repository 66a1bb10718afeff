using ArcFace.VectorDb.Protos;
using Google.Protobuf;
using Grpc.Core;

namespace ArcFace.VectorDb.Server.Tests;

/// <summary>Bad requests get the right status and a message naming the problem, and change nothing.</summary>
public class ValidationTests
{
    private const int Dim = 8;

    public static TheoryData<string, StatusCode, string> Searches => new()
    {
        { "unknown collection", StatusCode.NotFound, "No collection 'nope'" },
        { "wrong dimension", StatusCode.InvalidArgument, "collection 'c': the vector has 3 components; 8-d vectors are expected" },
        { "NaN", StatusCode.InvalidArgument, "component 2 is NaN" },
        { "infinity", StatusCode.InvalidArgument, "component 0 is Infinity" },
        { "empty vector", StatusCode.InvalidArgument, "the vector is empty" },
        { "k = 0", StatusCode.InvalidArgument, "k must be 1..10000; got 0" },
        { "huge k", StatusCode.InvalidArgument, "k must be 1..10000; got 4000000000" },
        { "ef below k", StatusCode.InvalidArgument, "ef must be k..100000 (k = 10); got 5" },
        { "huge ef", StatusCode.InvalidArgument, "ef must be k..100000 (k = 10); got 100001" },
        { "no collection named", StatusCode.InvalidArgument, "names no collection" },
    };

    [Theory]
    [MemberData(nameof(Searches))]
    public async Task A_bad_search_is_refused_with_the_right_status_and_a_message_naming_the_problem(string bad, StatusCode status, string message)
    {
        await using var test = await Seeded();
        var request = new SearchRequest { Collection = "c", Vector = { Enumerable.Repeat(0.5f, Dim) }, K = 10 };
        switch (bad)
        {
            case "unknown collection": request.Collection = "nope"; break;
            case "wrong dimension": request.Vector.Clear(); request.Vector.Add([1, 2, 3]); break;
            case "NaN": request.Vector[2] = float.NaN; break;
            case "infinity": request.Vector[0] = float.PositiveInfinity; break;
            case "empty vector": request.Vector.Clear(); break;
            case "k = 0": request.K = 0; break;
            case "huge k": request.K = 4_000_000_000; break;
            case "ef below k": request.Ef = 5; break;
            case "huge ef": request.Ef = 100_001; break;
            case "no collection named": request.Collection = ""; break;
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => test.Client.SearchAsync(request).ResponseAsync);

        Assert.Equal(status, error.StatusCode);
        Assert.Contains(message, error.Status.Detail);
    }

    [Fact]
    public async Task A_batch_with_one_bad_point_writes_nothing()
    {
        await using var test = await Seeded();
        var good = TestServer.Point(100, Dim);
        var bad = TestServer.Point(101, Dim);
        bad.Vector[1] = float.NaN;

        var error = await Assert.ThrowsAsync<RpcException>(() => test.UpsertAsync("c", [good, bad]));
        var info = await test.Client.GetCollectionAsync(new GetCollectionRequest { Name = "c" });

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("Collection 'c', point 101: component 1 is NaN", error.Status.Detail);
        Assert.Equal(20ul, info.Count);
    }

    [Fact]
    public async Task Images_that_are_not_images_or_are_corrupt_are_invalid_arguments_and_a_collection_without_a_model_a_failed_precondition()
    {
        await using var test = await Seeded();
        await test.Client.CreateCollectionAsync(new CreateCollectionRequest { Name = "img", Model = "fashion-mnist-arcface.onnx" });

        var notImage = await Assert.ThrowsAsync<RpcException>(() => test.Client.SearchByImageAsync(new SearchByImageRequest { Collection = "img", Image = ByteString.CopyFromUtf8("hello"), K = 1 }).ResponseAsync);
        var empty = await Assert.ThrowsAsync<RpcException>(() => test.Client.SearchByImageAsync(new SearchByImageRequest { Collection = "img", K = 1 }).ResponseAsync);
        var noModel = await Assert.ThrowsAsync<RpcException>(() => test.Client.SearchByImageAsync(new SearchByImageRequest { Collection = "c", Image = ByteString.CopyFromUtf8("x"), K = 1 }).ResponseAsync);
        var unknownModel = await Assert.ThrowsAsync<RpcException>(() => test.Client.CreateCollectionAsync(new CreateCollectionRequest { Name = "x", Model = "missing.onnx" }).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, StatusCode.InvalidArgument), (notImage.StatusCode, empty.StatusCode));
        Assert.Contains("not an image", notImage.Status.Detail);
        Assert.Equal(StatusCode.FailedPrecondition, noModel.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, unknownModel.StatusCode);
        Assert.Contains("no 'missing.onnx'", unknownModel.Status.Detail);
    }

    [Fact]
    public async Task A_message_over_the_configured_size_is_resource_exhausted_while_a_long_stream_of_small_messages_is_fine()
    {
        await using var test = await TestServer.StartAsync(o => o with { MaxMessageBytes = 64 * 1024 });
        await test.CreateAsync("c", 4096);
        var oversized = new SearchRequest { Collection = "c", Vector = { new float[40_000] }, K = 1 };

        var error = await Assert.ThrowsAsync<RpcException>(() => test.Client.SearchAsync(oversized).ResponseAsync);
        using (var stream = test.Client.Upsert())
        {
            // The limit is per message: a stream of many small messages may be far larger than it.
            for (int batch = 0; batch < 5; batch++)
                await stream.RequestStream.WriteAsync(new UpsertRequest { Collection = "c", Wait = true, Points = { TestServer.Point((ulong)batch * 2, 4096), TestServer.Point((ulong)batch * 2 + 1, 4096) } });
            await stream.RequestStream.CompleteAsync();
            await stream;
        }

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(10ul, (await test.Client.GetCollectionAsync(new GetCollectionRequest { Name = "c" })).Count);
    }

    [Fact]
    public async Task Duplicate_and_malformed_collections_are_refused()
    {
        await using var test = await Seeded();

        var duplicate = await Assert.ThrowsAsync<RpcException>(() => test.CreateAsync("c", Dim));
        var badName = await Assert.ThrowsAsync<RpcException>(() => test.CreateAsync("../etc", Dim));
        var noDimension = await Assert.ThrowsAsync<RpcException>(() => test.CreateAsync("zero", 0));
        var dropUnknown = await Assert.ThrowsAsync<RpcException>(() => test.Client.DropCollectionAsync(new DropCollectionRequest { Name = "nope" }).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, duplicate.StatusCode);
        Assert.Equal((StatusCode.InvalidArgument, StatusCode.InvalidArgument), (badName.StatusCode, noDimension.StatusCode));
        Assert.Equal(StatusCode.NotFound, dropUnknown.StatusCode);
    }

    private static async Task<TestServer> Seeded()
    {
        var test = await TestServer.StartAsync();
        await test.CreateAsync("c", Dim);
        await test.UpsertAsync("c", Enumerable.Range(1, 20).Select(i => TestServer.Point((ulong)i, Dim)));
        return test;
    }
}
