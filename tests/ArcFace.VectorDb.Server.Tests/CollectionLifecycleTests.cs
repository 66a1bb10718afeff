using System.Collections.Concurrent;
using ArcFace.VectorDb.Protos;
using Grpc.Core;

namespace ArcFace.VectorDb.Server.Tests;

/// <summary>Create and drop over gRPC: validated before disk, atomic against every other call on the name, never UNKNOWN.</summary>
public class CollectionLifecycleTests
{
    private static StatusCode Code(Exception e) => e is RpcException rpc ? rpc.StatusCode : StatusCode.Unknown;

    [Fact]
    public async Task Settings_out_of_range_and_bad_names_are_invalid_arguments_that_leave_nothing_on_disk()
    {
        await using var test = await TestServer.StartAsync();
        string collections = Path.Combine(test.Server.Database.Directory, "collections");

        var ef = await Assert.ThrowsAsync<RpcException>(() => test.Client.CreateCollectionAsync(new CreateCollectionRequest { Name = "c", Dimension = 4, EfConstruction = 200_001 }).ResponseAsync);
        var newline = await Assert.ThrowsAsync<RpcException>(() => test.Client.CreateCollectionAsync(new CreateCollectionRequest { Name = "trail\n", Dimension = 4 }).ResponseAsync);
        var huge = await Assert.ThrowsAsync<RpcException>(() => test.Client.GetCollectionAsync(new GetCollectionRequest { Name = new string('n', 10_000) }).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, StatusCode.InvalidArgument, StatusCode.InvalidArgument), (ef.StatusCode, newline.StatusCode, huge.StatusCode));
        Assert.Contains("efConstruction must be between 1 and 100000; got 200001", ef.Status.Detail);
        Assert.Contains("'trail\\u000a' is not a valid collection name", newline.Status.Detail);
        Assert.True(huge.Status.Detail.Length < 300, $"the error echoes {huge.Status.Detail.Length} characters");
        Assert.Empty(Directory.EnumerateFileSystemEntries(collections));
    }

    [Fact]
    public async Task Concurrent_creates_and_drops_of_one_name_answer_already_exists_and_not_found_never_unknown()
    {
        await using var test = await TestServer.StartAsync();
        var codes = new ConcurrentBag<StatusCode>();
        for (int round = 0; round < 10; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
            {
                try
                {
                    await test.CreateAsync("race", 4);
                    codes.Add(StatusCode.OK);
                }
                catch (RpcException e)
                {
                    codes.Add(e.StatusCode);
                }
            }));
            await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
            {
                try
                {
                    await test.Client.DropCollectionAsync(new DropCollectionRequest { Name = "race" });
                    codes.Add(StatusCode.OK);
                }
                catch (RpcException e)
                {
                    codes.Add(e.StatusCode);
                }
            }));
        }

        Assert.Equal(20, codes.Count(c => c == StatusCode.OK));
        Assert.Equal(60, codes.Count(c => c == StatusCode.AlreadyExists) + codes.Count(c => c == StatusCode.NotFound));
        Assert.Equal(0, codes.Count(c => c is not (StatusCode.OK or StatusCode.AlreadyExists or StatusCode.NotFound)));
    }

    [Fact]
    public async Task Calls_racing_a_drop_end_ok_or_not_found_and_nothing_survives_in_its_name()
    {
        await using var test = await TestServer.StartAsync();
        const int dim = 16;
        await test.CreateAsync("c", dim);
        await test.UpsertAsync("c", Enumerable.Range(0, 3000).Select(i => TestServer.Point((ulong)i, dim)));
        var codes = new ConcurrentBag<StatusCode>();
        var unexpected = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();

        async Task Worker(int w)
        {
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    if (w % 3 == 0)
                    {
                        var search = new SearchRequest { Collection = "c", K = 5 };
                        search.Vector.AddRange(TestServer.Point((ulong)i, dim).Vector);
                        await test.Client.SearchAsync(search);
                    }
                    else if (w % 3 == 1)
                    {
                        await test.Client.GetCollectionAsync(new GetCollectionRequest { Name = "c" });
                    }
                    else
                    {
                        await test.UpsertAsync("c", [TestServer.Point((ulong)(10_000 + i), dim)], wait: i % 2 == 0);
                    }
                    codes.Add(StatusCode.OK);
                }
                catch (Exception e)
                {
                    codes.Add(Code(e));
                    if (Code(e) is not (StatusCode.OK or StatusCode.NotFound))
                        unexpected.Add($"{(w % 3 == 0 ? "Search" : w % 3 == 1 ? "GetCollection" : "Upsert")}: {e.GetType().Name}: {e.Message}");
                }
            }
        }

        var workers = Enumerable.Range(0, 6).Select(w => Task.Run(() => Worker(w))).ToArray();
        await Task.Delay(300);
        await test.Client.DropCollectionAsync(new DropCollectionRequest { Name = "c" });
        await Task.Delay(300);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        Assert.Contains(StatusCode.OK, codes);
        Assert.Contains(StatusCode.NotFound, codes);
        Assert.True(unexpected.IsEmpty, string.Join("\n", unexpected));
        Assert.All(codes, c => Assert.True(c is StatusCode.OK or StatusCode.NotFound, $"a call ended {c}"));
        Assert.Empty((await test.Client.ListCollectionsAsync(new ListCollectionsRequest())).Collections);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => test.Client.DropCollectionAsync(new DropCollectionRequest { Name = "c" }).ResponseAsync)).StatusCode);
        Assert.Equal(0ul, (await test.CreateAsync("c", dim)).Count);
    }

    [Fact]
    public async Task An_evaluation_running_on_a_dropped_collection_is_cancelled_and_says_why()
    {
        await using var test = await TestServer.StartAsync();
        const int dim = 32;
        await test.CreateAsync("c", dim);
        await test.UpsertAsync("c", Enumerable.Range(0, 4000).Select(i => TestServer.Point((ulong)i, dim)));
        var job = await test.Evaluation.StartAnnEvaluationAsync(new AnnEvaluationRequest { Collection = "c", Sample = 4000, Ef = { 16, 32, 64, 128, 256, 512 } });

        await test.Client.DropCollectionAsync(new DropCollectionRequest { Name = "c" });

        Job last = job;
        using var watch = test.Evaluation.WatchJob(new JobRequest { Id = job.Id });
        while (await watch.ResponseStream.MoveNext(CancellationToken.None))
            last = watch.ResponseStream.Current;
        Assert.Equal(JobState.Cancelled, last.State);
        Assert.Contains("was dropped", last.Error);
    }
}
