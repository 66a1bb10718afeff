using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Testing;
using ArcFace.VectorDb.Testing.Images;
using Google.Protobuf;
using Grpc.Core;

namespace ArcFace.VectorDb.Server.Tests;

/// <summary>IngestImages end to end: images streamed in, progress and a summary streamed out, the same rules as the CLI ingest.</summary>
public class IngestImagesTests
{
    private const string Model = "fashion-mnist-arcface.onnx";

    [Fact]
    public async Task Streamed_images_are_embedded_and_committed_and_every_unusable_one_is_listed_with_its_reason()
    {
        await using var test = await TestServer.StartAsync();
        await test.Client.CreateCollectionAsync(new CreateCollectionRequest { Name = "img", Model = Model });
        var photos = Enumerable.Range(0, 24).Select(i => ($"shop/{i}.png", GalleryFiles.Photo(png: i % 3 != 0, 40 + i, 30 + i, seed: i))).ToList();
        var unusable = GalleryFiles.Unusable();

        var (progress, summary) = await IngestAsync(test, "img", photos.Concat(unusable.Select(u => (u.Name, u.Bytes))), pause: TimeSpan.FromMilliseconds(15));

        Assert.Equal((31ul, 24ul, 7ul, 0ul), (summary.Received, summary.Ingested, summary.Failed, summary.Skipped));
        foreach (var (name, _, reason) in unusable)
            Assert.Contains(reason, summary.Errors.Single(e => e.Name == name).Reason, StringComparison.Ordinal);
        // However the run's speed falls against the progress ticks, the last progress message gives the final counts.
        Assert.Equal((31ul, 31ul, 7ul), (progress[^1].Received, progress[^1].Done, progress[^1].Failed));
        Assert.True(progress.Zip(progress.Skip(1)).All(p => p.First.Done <= p.Second.Done && p.First.Received <= p.Second.Received));
        var stored = await test.Client.GetAsync(new GetRequest { Collection = "img", Ids = { photos.Select(p => StableIds.ForKey(p.Item1)) } });
        Assert.Equal(24, stored.Points.Count);
        Assert.All(stored.Points, p => Assert.Equal("label-" + p.Source.Split('/')[1].Split('.')[0], p.Label));
        var self = await test.Client.SearchByImageAsync(new SearchByImageRequest { Collection = "img", Image = ByteString.CopyFrom(photos[5].Item2), K = 1 });
        Assert.Equal(StableIds.ForKey(photos[5].Item1), self.Hits[0].Id);
        Assert.True(self.Hits[0].Score > 0.9999f);
    }

    [Fact]
    public async Task Resume_skips_the_images_already_stored_and_a_rerun_without_it_never_duplicates()
    {
        await using var test = await TestServer.StartAsync();
        await test.Client.CreateCollectionAsync(new CreateCollectionRequest { Name = "img", Model = Model });
        var photos = Enumerable.Range(0, 6).Select(i => ($"{i}.png", GalleryFiles.Photo(png: true, 32, 32, seed: i))).ToList();
        await IngestAsync(test, "img", photos.Take(4));

        var (resumedProgress, resumed) = await IngestAsync(test, "img", photos, resume: true);
        var (_, again) = await IngestAsync(test, "img", photos);

        Assert.Equal((6ul, 2ul, 4ul), (resumed.Received, resumed.Ingested, resumed.Skipped));
        // A run quicker than one progress tick still streams its final counts before the summary.
        Assert.Equal((6ul, 6ul, 0ul), (resumedProgress[^1].Received, resumedProgress[^1].Done, resumedProgress[^1].Failed));
        // Runs without an unusable image leave no empty error report behind.
        Assert.Empty(Directory.EnumerateFiles(test.Server.Database.Directory, "*.errors.jsonl", SearchOption.AllDirectories));
        Assert.Equal((6ul, 0ul), (again.Ingested, again.Skipped));
        Assert.Equal(6ul, (await test.Client.GetCollectionAsync(new GetCollectionRequest { Name = "img" })).Count);
    }

    [Fact]
    public async Task A_stream_that_names_no_collection_an_unknown_one_one_without_a_model_or_two_collections_is_refused_and_the_next_one_works()
    {
        await using var test = await TestServer.StartAsync();
        await test.CreateAsync("vectors", 16);
        await test.Client.CreateCollectionAsync(new CreateCollectionRequest { Name = "img", Model = Model });
        var photo = ("a.png", GalleryFiles.Photo(png: true));

        async Task<StatusCode> Code(params IngestImagesRequest[] requests)
        {
            var e = await Assert.ThrowsAsync<RpcException>(() => SendAsync(test, requests));
            return e.StatusCode;
        }

        Assert.Equal(StatusCode.InvalidArgument, await Code(Request("", photo)));
        Assert.Equal(StatusCode.NotFound, await Code(Request("nope", photo)));
        Assert.Equal(StatusCode.FailedPrecondition, await Code(Request("vectors", photo)));
        Assert.Equal(StatusCode.InvalidArgument, await Code(Request("img", photo), Request("vectors", ("b.png", photo.Item2))));
        var (_, after) = await IngestAsync(test, "img", [photo]);
        Assert.Equal(1ul, after.Ingested);
    }

    private static IngestImagesRequest Request(string collection, (string Name, byte[] Bytes) image, bool resume = false) => new()
    {
        Collection = collection, Name = image.Name, Image = ByteString.CopyFrom(image.Bytes), Resume = resume,
        Label = "label-" + Path.GetFileNameWithoutExtension(image.Name),
    };

    internal static async Task<(List<IngestImagesProgress> Progress, IngestImagesSummary Summary)> IngestAsync(
        TestServer test, string collection, IEnumerable<(string, byte[])> images, bool resume = false, TimeSpan pause = default, Metadata? headers = null)
    {
        var requests = images.Select((image, i) => Request(i == 0 ? collection : "", image, resume)).ToArray();
        return await SendAsync(test, requests, pause, headers);
    }

    private static async Task<(List<IngestImagesProgress> Progress, IngestImagesSummary Summary)> SendAsync(TestServer test, IngestImagesRequest[] requests, TimeSpan pause = default, Metadata? headers = null)
    {
        using var call = test.Client.IngestImages(headers);
        var reading = Task.Run(async () =>
        {
            var progress = new List<IngestImagesProgress>();
            IngestImagesSummary? summary = null;
            await foreach (var response in call.ResponseStream.ReadAllAsync())
            {
                if (response.Progress is { } p)
                    progress.Add(p);
                summary = response.Summary ?? summary;
            }
            return (progress, summary ?? throw new InvalidOperationException("The call ended without a summary."));
        });
        return await ClientStreams.SendAllAsync(call.RequestStream, requests, reading, pause);
    }
}
