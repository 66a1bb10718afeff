using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Server.Hosting;
using ArcFace.VectorDb.Testing;
using ArcFace.VectorDb.Testing.Images;
using Google.Protobuf;
using Grpc.Core;
using static ArcFace.VectorDb.Server.Tests.TestServer;

namespace ArcFace.VectorDb.Server.Tests;

/// <summary>`serve --http-listen`: the VectorDb and Evaluation services as JSON over HTTP/1.1 (gRPC JSON transcoding) on a real server.</summary>
public class RestTests
{
    private const string WriteKey = "rest-write-key-0123456789abcdef";
    private const string ReadKey = "rest-read-key-0123456789abcdef";

    [Fact]
    public async Task Points_written_and_read_over_json_answer_as_the_same_grpc_calls_do()
    {
        await using var test = await StartRestAsync();
        using var http = Client(test);
        var upsert = new UpsertRequest { Wait = true };
        upsert.Points.AddRange(Enumerable.Range(1, 60).Select(i => TestServer.Point((ulong)i, 8, i % 2 == 0 ? "even" : "odd")));
        var search = new SearchRequest { Collection = "faces", Vector = { TestServer.Point(7, 8).Vector }, K = 5, Ef = 32, Filter = new Filter { Labels = { "odd" } } };

        var created = await SendAsync(http, HttpMethod.Post, "v1/collections", """{"name":"faces","dimension":8}""");
        var upserted = await SendAsync(http, HttpMethod.Post, "v1/collections/faces/points", JsonFormatter.Default.Format(upsert));
        var restSearch = await SendAsync(http, HttpMethod.Post, "v1/collections/faces/points:search", JsonFormatter.Default.Format(search));
        var restGet = await SendAsync(http, HttpMethod.Get, "v1/collections/faces/points?ids=3&ids=4&ids=404&withVectors=true");
        var restGetPost = await SendAsync(http, HttpMethod.Post, "v1/collections/faces/points:get", """{"ids":["5"]}""");
        var deleted = await SendAsync(http, HttpMethod.Post, "v1/collections/faces/points:delete", """{"ids":["5","999"],"wait":true}""");
        var info = await SendAsync(http, HttpMethod.Get, "v1/collections/faces");
        var listed = await SendAsync(http, HttpMethod.Get, "v1/collections");
        var grpcSearch = await test.Client.SearchAsync(search);
        var grpcGet = await test.Client.GetAsync(new GetRequest { Collection = "faces", Ids = { 3, 4, 404 }, WithVectors = true });
        var dropped = await SendAsync(http, HttpMethod.Delete, "v1/collections/faces");
        var gone = await SendAsync(http, HttpMethod.Get, "v1/collections/faces");

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal(("faces", 8, "METRIC_COSINE"), ((string?)created.Json["name"], (int?)created.Json["dimension"], (string?)created.Json["metric"]));
        Assert.Equal("60", (string?)upserted.Json["upserted"]);
        Assert.Equal(HttpStatusCode.OK, restSearch.Status);
        Assert.Equal(grpcSearch, JsonParser.Default.Parse<SearchResponse>(restSearch.Text));
        Assert.Equal(7ul, grpcSearch.Hits[0].Id);
        Assert.Contains("\"id\":\"7\"", restSearch.Text); // 64-bit ids are strings, as the proto JSON mapping writes them
        Assert.Equal(grpcGet, JsonParser.Default.Parse<GetResponse>(restGet.Text));
        Assert.Equal(2, grpcGet.Points.Count);
        var five = Assert.Single(JsonParser.Default.Parse<GetResponse>(restGetPost.Text).Points);
        Assert.Equal((5ul, 0), (five.Id, five.Vector.Count));
        Assert.Equal("1", (string?)deleted.Json["deleted"]);
        Assert.Equal("59", (string?)info.Json["count"]);
        Assert.Equal("faces", (string?)listed.Json["collections"]![0]!["name"]);
        Assert.Equal(true, (bool?)dropped.Json["dropped"]);
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
    }

    [Fact]
    public async Task An_image_travels_as_base64_and_searches_by_image_and_in_batches_answer_as_over_grpc()
    {
        await using var test = await StartRestAsync();
        using var http = Client(test);
        var info = await test.Client.CreateCollectionAsync(new CreateCollectionRequest { Name = "img", Model = "fashion-mnist-arcface.onnx" });
        await test.UpsertAsync("img", Enumerable.Range(1, 40).Select(i => TestServer.Point((ulong)i, (int)info.Dimension)));
        var byImage = new SearchByImageRequest { Collection = "img", Image = ByteString.CopyFrom(GalleryFiles.Photo(png: true, 40, 30, seed: 3)), K = 3 };
        var batch = new SearchBatchRequest
        {
            Searches = { Enumerable.Range(1, 3).Select(i => new SearchRequest { Collection = "img", Vector = { TestServer.Point((ulong)i, (int)info.Dimension).Vector }, K = 2 }) },
        };

        var restByImage = await SendAsync(http, HttpMethod.Post, "v1/collections/img/points:search-by-image", JsonFormatter.Default.Format(byImage));
        var restBatch = await SendAsync(http, HttpMethod.Post, "v1/points:search-batch", JsonFormatter.Default.Format(batch));

        Assert.Equal(HttpStatusCode.OK, restByImage.Status);
        Assert.Contains(Convert.ToBase64String(byImage.Image.Span), JsonFormatter.Default.Format(byImage));
        Assert.Equal(await test.Client.SearchByImageAsync(byImage), JsonParser.Default.Parse<SearchResponse>(restByImage.Text));
        Assert.Equal(3, JsonParser.Default.Parse<SearchResponse>(restByImage.Text).Hits.Count);
        Assert.Equal(await test.Client.SearchBatchAsync(batch), JsonParser.Default.Parse<SearchBatchResponse>(restBatch.Text));
        Assert.Equal([1ul, 2ul, 3ul], JsonParser.Default.Parse<SearchBatchResponse>(restBatch.Text).Results.Select(result => result.Hits[0].Id));
    }

    [Fact]
    public async Task An_ann_job_started_over_json_runs_to_success_is_listed_and_its_watch_streams_one_json_object_per_line()
    {
        await using var test = await StartRestAsync();
        using var http = Client(test);
        await test.CreateAsync("faces", 8);
        await test.UpsertAsync("faces", Enumerable.Range(1, 300).Select(i => TestServer.Point((ulong)i, 8)));

        var started = await SendAsync(http, HttpMethod.Post, "v1/jobs/ann", """{"collection":"faces","sample":20,"ef":[16,32],"k":5}""");
        string id = (string)started.Json["id"]!;
        var job = started.Json;
        var clock = Stopwatch.StartNew();
        while ((string?)job["state"] is "JOB_STATE_QUEUED" or "JOB_STATE_RUNNING" && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
            job = (await SendAsync(http, HttpMethod.Get, $"v1/jobs/{id}")).Json;
        }
        var listed = await SendAsync(http, HttpMethod.Get, "v1/jobs");
        var watched = await SendAsync(http, HttpMethod.Get, $"v1/jobs/{id}:watch");
        var cancelled = await SendAsync(http, HttpMethod.Post, $"v1/jobs/{id}:cancel");
        var unknown = await SendAsync(http, HttpMethod.Get, "v1/jobs/ann-nope");

        Assert.Equal(HttpStatusCode.OK, started.Status);
        Assert.Equal("ann", (string?)started.Json["kind"]);
        Assert.Equal("JOB_STATE_SUCCEEDED", (string?)job["state"]);
        Assert.Equal([16, 32], job["ann"]!["runs"]!.AsArray().Select(run => (int)run!["ef"]!));
        Assert.Contains(listed.Json["jobs"]!.AsArray(), listedJob => (string?)listedJob!["id"] == id);
        Assert.Equal("application/json; charset=utf-8", watched.ContentType);
        var lines = watched.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(JobState.Succeeded, JsonParser.Default.Parse<Job>(lines[^1]).State);
        Assert.All(lines, line => Assert.Equal(id, JsonParser.Default.Parse<Job>(line).Id));
        Assert.Equal("JOB_STATE_SUCCEEDED", (string?)cancelled.Json["state"]);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    [Fact]
    public async Task A_jobs_own_report_files_are_served_by_name_and_no_other_path_and_access_answers_for_the_calling_key()
    {
        await using var test = await StartRestAsync(o => WithApiKeys(o, $"{WriteKey} write", $"{ReadKey} read"));
        using var http = Client(test);
        var key = Bearer(WriteKey);
        await test.Client.CreateCollectionAsync(new CreateCollectionRequest { Name = "faces", Dimension = 8 }, key);
        var upsert = new UpsertRequest { Collection = "faces", Wait = true };
        upsert.Points.AddRange(Enumerable.Range(1, 100).Select(i => TestServer.Point((ulong)i, 8)));
        await test.Client.UpsertPointsAsync(upsert, key);

        var started = await SendAsync(http, HttpMethod.Post, "v1/jobs/ann", """{"collection":"faces","sample":10,"ef":[16],"k":5}""", WriteKey);
        string id = (string)started.Json["id"]!;
        var job = started.Json;
        var clock = Stopwatch.StartNew();
        while ((string?)job["state"] is "JOB_STATE_QUEUED" or "JOB_STATE_RUNNING" && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
            job = (await SendAsync(http, HttpMethod.Get, $"v1/jobs/{id}", key: ReadKey)).Json;
        }
        Assert.Equal("JOB_STATE_SUCCEEDED", (string?)job["state"]);
        var files = job["reportFiles"]!.AsArray().Select(f => Path.GetFileName((string)f!)).ToList();
        string png = Assert.Single(files, f => f.EndsWith(".png", StringComparison.Ordinal));
        string json = Assert.Single(files, f => f.EndsWith(".json", StringComparison.Ordinal));
        string md = Assert.Single(files, f => f.EndsWith(".md", StringComparison.Ordinal));

        using var pngRequest = new HttpRequestMessage(HttpMethod.Get, $"v1/jobs/{id}/files/{png}");
        pngRequest.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ReadKey);
        using var pngReply = await http.SendAsync(pngRequest);
        byte[] pngBytes = await pngReply.Content.ReadAsByteArrayAsync();
        var jsonFile = await SendAsync(http, HttpMethod.Get, $"v1/jobs/{id}/files/{json}", key: ReadKey);
        var mdFile = await SendAsync(http, HttpMethod.Get, $"v1/jobs/{id}/files/{md}", key: ReadKey);
        var noKey = await SendAsync(http, HttpMethod.Get, $"v1/jobs/{id}/files/{png}");
        var unlisted = await SendAsync(http, HttpMethod.Get, $"v1/jobs/{id}/files/other.png", key: ReadKey);
        var traversal = await SendAsync(http, HttpMethod.Get, $"v1/jobs/{id}/files/..%2F..%2Fkeys.txt", key: ReadKey);
        var dotDot = await SendAsync(http, HttpMethod.Get, $"v1/jobs/{id}/files/..%2F{id}%2F{png}", key: ReadKey);
        var unknownJob = await SendAsync(http, HttpMethod.Get, $"v1/jobs/ann-nope/files/{png}", key: ReadKey);

        Assert.Equal(HttpStatusCode.OK, pngReply.StatusCode);
        Assert.Equal("image/png", pngReply.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], pngBytes.Take(4));
        Assert.Equal((HttpStatusCode.OK, "application/json"), (jsonFile.Status, jsonFile.ContentType));
        Assert.True(jsonFile.Json.AsObject().Count > 0, jsonFile.Text);
        Assert.Equal(HttpStatusCode.OK, mdFile.Status);
        Assert.StartsWith("text/markdown", mdFile.ContentType);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.Status);
        Assert.Equal(HttpStatusCode.NotFound, unlisted.Status);
        Assert.Contains(traversal.Status, new[] { HttpStatusCode.NotFound, HttpStatusCode.BadRequest });
        Assert.Contains(dotDot.Status, new[] { HttpStatusCode.NotFound, HttpStatusCode.BadRequest });
        Assert.Equal(HttpStatusCode.NotFound, unknownJob.Status);

        var writer = await SendAsync(http, HttpMethod.Get, "v1/access", key: WriteKey);
        var reader = await SendAsync(http, HttpMethod.Get, "v1/access", key: ReadKey);
        var nobody = await SendAsync(http, HttpMethod.Get, "v1/access");
        Assert.Equal((HttpStatusCode.OK, true, true), (writer.Status, (bool?)writer.Json["canWrite"], (bool?)writer.Json["keysRequired"]));
        Assert.Equal((HttpStatusCode.OK, false, true), (reader.Status, (bool?)reader.Json["canWrite"] ?? false, (bool?)reader.Json["keysRequired"]));
        Assert.Equal(HttpStatusCode.Unauthorized, nobody.Status);
    }

    [Fact]
    public async Task Without_a_key_file_access_says_everyone_may_write()
    {
        await using var test = await StartRestAsync();
        using var http = Client(test);

        var access = await SendAsync(http, HttpMethod.Get, "v1/access");

        Assert.Equal(HttpStatusCode.OK, access.Status);
        Assert.Equal(true, (bool?)access.Json["canWrite"]);
        Assert.False((bool?)access.Json["keysRequired"] ?? false);
    }

    [Fact]
    public async Task Grpc_errors_become_http_statuses_carrying_the_grpc_message()
    {
        await using var test = await StartRestAsync();
        using var http = Client(test);
        await test.CreateAsync("faces", 4);
        await test.UpsertAsync("faces", [TestServer.Point(1, 4)]);
        var wrongDimension = new UpsertRequest { Collection = "faces", Points = { TestServer.Point(2, 3) } };

        var badK = await SendAsync(http, HttpMethod.Post, "v1/collections/faces/points:search", """{"vector":[1,0,0,0],"k":0}""");
        var malformed = await SendAsync(http, HttpMethod.Post, "v1/collections", """{"name":"x",""");
        var badUpsert = await SendAsync(http, HttpMethod.Post, "v1/collections/faces/points", JsonFormatter.Default.Format(wrongDimension));
        var unknown = await SendAsync(http, HttpMethod.Post, "v1/collections/nope/points:search", """{"vector":[1,0,0,0],"k":1}""");
        var taken = await SendAsync(http, HttpMethod.Post, "v1/collections", """{"name":"faces","dimension":4}""");
        var grpcUnary = await Assert.ThrowsAsync<RpcException>(() => test.Client.UpsertPointsAsync(wrongDimension).ResponseAsync);
        var grpcStreamed = await Assert.ThrowsAsync<RpcException>(() => test.UpsertAsync("faces", wrongDimension.Points));

        Assert.Equal(HttpStatusCode.BadRequest, badK.Status);
        Assert.Equal(((int)StatusCode.InvalidArgument, "k must be 1..10000; got 0."), ((int?)badK.Json["code"], (string?)badK.Json["message"]));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badUpsert.Status);
        Assert.Equal(StatusCode.InvalidArgument, grpcUnary.StatusCode);
        Assert.Equal(grpcStreamed.Status.Detail, grpcUnary.Status.Detail); // one validation path for both
        Assert.Equal(grpcUnary.Status.Detail, (string?)badUpsert.Json["message"]);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("No collection 'nope'.", (string?)unknown.Json["message"]);
        Assert.Equal(HttpStatusCode.Conflict, taken.Status);
        Assert.Equal(1ul, (await test.Client.GetCollectionAsync(new GetCollectionRequest { Name = "faces" })).Count);
    }

    [Fact]
    public async Task A_thumbnail_kept_at_ingest_is_a_plain_get_of_image_jpeg_and_a_missing_or_deleted_one_is_404()
    {
        await using var test = await StartRestAsync();
        using var http = Client(test);
        await test.Client.CreateCollectionAsync(new CreateCollectionRequest { Name = "img", Model = "fashion-mnist-arcface.onnx" });
        await IngestImagesTests.IngestAsync(test, "img", [("large.jpg", GalleryFiles.Photo(png: false, 300, 200)), ("small.png", GalleryFiles.Photo(png: true, 40, 30))]);
        ulong large = Embedding.Ingest.StableIds.ForKey("large.jpg"), small = Embedding.Ingest.StableIds.ForKey("small.png");

        using var reply = await http.GetAsync($"v1/collections/img/points/{large}/thumbnail");
        var jpeg = await reply.Content.ReadAsByteArrayAsync();
        var info = await SendAsync(http, HttpMethod.Get, "v1/collections/img");
        var missing = await SendAsync(http, HttpMethod.Get, "v1/collections/img/points/404/thumbnail");
        await SendAsync(http, HttpMethod.Post, "v1/collections/img/points:delete", $$"""{"ids":["{{small}}"],"wait":true}""");
        var deleted = await SendAsync(http, HttpMethod.Get, $"v1/collections/img/points/{small}/thumbnail");

        Assert.Equal((HttpStatusCode.OK, "image/jpeg"), (reply.StatusCode, reply.Content.Headers.ContentType?.MediaType));
        using (var image = SixLabors.ImageSharp.Image.Load(jpeg))
            Assert.Equal((128, 85), (image.Width, image.Height));
        Assert.Equal("2", (string?)info.Json["thumbnails"]);
        Assert.True(long.Parse((string)info.Json["thumbnailBytes"]!, System.Globalization.CultureInfo.InvariantCulture) > jpeg.Length);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (missing.Status, deleted.Status));
        Assert.Contains("has no thumbnail", (string?)missing.Json["message"]);
    }

    [Fact]
    public async Task Json_calls_need_the_api_keys_grpc_calls_need_and_read_only_keys_only_read()
    {
        await using var test = await StartRestAsync(o => WithApiKeys(o, $"{WriteKey} write", $"{ReadKey} read"));
        using var http = Client(test);

        var none = await SendAsync(http, HttpMethod.Get, "v1/collections");
        var wrong = await SendAsync(http, HttpMethod.Get, "v1/collections", key: "guess-0123456789abcdef");
        var writerCreates = await SendAsync(http, HttpMethod.Post, "v1/collections", """{"name":"faces","dimension":4}""", WriteKey);
        var writerUpserts = await SendAsync(http, HttpMethod.Post, "v1/collections/faces/points", """{"points":[{"id":"1","vector":[1,0,0,0]}],"wait":true}""", WriteKey);
        var readerReads = await SendAsync(http, HttpMethod.Get, "v1/collections/faces", key: ReadKey);
        var readerSearches = await SendAsync(http, HttpMethod.Post, "v1/collections/faces/points:search", """{"vector":[1,0,0,0],"k":1}""", ReadKey);
        var readerUpserts = await SendAsync(http, HttpMethod.Post, "v1/collections/faces/points", """{"points":[{"id":"2","vector":[0,1,0,0]}]}""", ReadKey);
        var readerDrops = await SendAsync(http, HttpMethod.Delete, "v1/collections/faces", key: ReadKey);
        var document = await SendAsync(http, HttpMethod.Get, "openapi.json");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (none.Status, wrong.Status));
        Assert.Contains("API key is required", (string?)none.Json["message"]);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (writerCreates.Status, writerUpserts.Status));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (readerReads.Status, readerSearches.Status));
        Assert.Equal("1", (string?)readerSearches.Json["hits"]![0]!["id"]);
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (readerUpserts.Status, readerDrops.Status));
        Assert.Contains("read-only", (string?)readerUpserts.Json["message"]);
        Assert.Equal(HttpStatusCode.OK, document.Status);
        Assert.Equal(1ul, (await test.Client.GetCollectionAsync(new GetCollectionRequest { Name = "faces" }, Bearer(ReadKey))).Count);
    }

    [Fact]
    public async Task The_openapi_document_lists_every_transcoded_route_and_nothing_grpc_only()
    {
        await using var test = await StartRestAsync();
        using var http = Client(test);

        var document = await SendAsync(http, HttpMethod.Get, "openapi.json");

        Assert.Equal(HttpStatusCode.OK, document.Status);
        Assert.StartsWith("3.", (string?)document.Json["openapi"]);
        Assert.Equal("The k nearest points to a vector, best first.", (string?)document.Json["paths"]!["/v1/collections/{collection}/points:search"]!["post"]!["summary"]);
        var paths = document.Json["paths"]!.AsObject().ToDictionary(path => path.Key, path => string.Join(",", path.Value!.AsObject().Select(method => method.Key).Order()));
        var expected = new Dictionary<string, string>
        {
            ["/v1/collections"] = "get,post",
            ["/v1/collections/{name}"] = "delete,get",
            ["/v1/collections/{collection}/points"] = "get,post",
            ["/v1/collections/{collection}/points:get"] = "post",
            ["/v1/collections/{collection}/points:delete"] = "post",
            ["/v1/collections/{collection}/points:search"] = "post",
            ["/v1/collections/{collection}/points:search-by-image"] = "post",
            ["/v1/collections/{collection}/points/{id}/thumbnail"] = "get",
            ["/v1/points:search-batch"] = "post",
            ["/v1/jobs"] = "get",
            ["/v1/jobs/retrieval"] = "post",
            ["/v1/jobs/ann"] = "post",
            ["/v1/jobs/{id}"] = "get",
            ["/v1/jobs/{id}:watch"] = "get",
            ["/v1/jobs/{id}:cancel"] = "post",
            ["/v1/jobs/{id}/files/{name}"] = "get",
            ["/v1/access"] = "get",
            ["/v1/cluster"] = "get",
        };
        Assert.Equal(expected.OrderBy(pair => pair.Key), paths.OrderBy(pair => pair.Key));
    }

    [Fact]
    public async Task Each_port_serves_only_its_own_protocol_the_console_only_on_http_and_without_http_listen_there_is_no_json_api()
    {
        await using var test = await StartRestAsync();
        using var http = Client(test);
        await test.CreateAsync("faces", 4);
        using var h2 = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        var grpcOnGrpcPort = await test.Client.ListCollectionsAsync(new ListCollectionsRequest());
        using var grpcOnHttpPort = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "arcface.vectordb.v1.VectorDb/ListCollections")
        {
            Content = new ByteArrayContent([0, 0, 0, 0, 0]) { Headers = { { "Content-Type", "application/grpc" } } },
        });
        using var jsonOnGrpcPort = await h2.SendAsync(Http2(HttpMethod.Get, new Uri(test.Server.Address, "/v1/collections")));
        using var documentOnGrpcPort = await h2.SendAsync(Http2(HttpMethod.Get, new Uri(test.Server.Address, "/openapi.json")));
        using var consoleOnGrpcPort = await h2.SendAsync(Http2(HttpMethod.Get, new Uri(test.Server.Address, "/")));
        using var consoleOnHttpPort = await http.GetAsync("/");
        using var scriptOnHttpPort = await http.GetAsync("/console.js");
        var unknownPath = await SendAsync(http, HttpMethod.Get, "v2/collections");
        await using var plain = await TestServer.StartAsync();

        Assert.Equal("faces", Assert.Single(grpcOnGrpcPort.Collections).Name);
        Assert.Equal(HttpStatusCode.NotFound, grpcOnHttpPort.StatusCode);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (jsonOnGrpcPort.StatusCode, documentOnGrpcPort.StatusCode, consoleOnGrpcPort.StatusCode));
        Assert.Equal((HttpStatusCode.OK, "text/html"), (consoleOnHttpPort.StatusCode, consoleOnHttpPort.Content.Headers.ContentType?.MediaType));
        Assert.Contains("<title>ArcFace.VectorDb console</title>", await consoleOnHttpPort.Content.ReadAsStringAsync());
        Assert.Equal((HttpStatusCode.OK, "text/javascript"), (scriptOnHttpPort.StatusCode, scriptOnHttpPort.Content.Headers.ContentType?.MediaType));
        Assert.Equal(HttpStatusCode.NotFound, unknownPath.Status);
        Assert.NotEqual(test.Server.Address.Port, test.Server.HttpAddress!.Port);
        Assert.Equal(new Uri(test.Server.HttpAddress, "/openapi.json"), test.Server.OpenApiAddress);
        Assert.Null(plain.Server.HttpAddress);
    }

    [Fact]
    public async Task With_a_certificate_the_http_port_speaks_https_and_plain_text_off_loopback_or_a_shared_port_is_refused()
    {
        using var dir = new TempDirectory();
        using var certificate = LoopbackCertificate.WritePem(dir);
        var options = new ServerOptions { DatabasePath = dir.File("db"), CreateDatabase = true, Listen = "127.0.0.1:0", HttpListen = "127.0.0.1:0" };

        await using (var server = await VectorDbServer.StartAsync(options with { TlsCertificate = dir.File("cert.pem"), TlsKey = dir.File("key.pem") }))
        {
            using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint };
            using var https = new HttpClient(handler) { BaseAddress = server.HttpAddress, Timeout = TimeSpan.FromSeconds(30) };
            using var listed = await https.GetAsync("v1/collections");

            Assert.Equal("https", server.HttpAddress!.Scheme);
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        }
        var offLoopback = Assert.Throws<ArgumentException>(() => ListenEndpoints.From(options with { HttpListen = "0.0.0.0:8080" }));
        var allowed = ListenEndpoints.From(options with { HttpListen = "0.0.0.0:8080", Insecure = true });
        var sharedPort = Assert.Throws<ArgumentException>(() => ListenEndpoints.From(options with { Listen = "127.0.0.1:50051", HttpListen = "127.0.0.1:50051" }));
        var notAnAddress = Assert.Throws<ArgumentException>(() => ListenEndpoints.From(options with { HttpListen = "8080" }));

        Assert.Contains("not loopback", offLoopback.Message);
        Assert.Equal(8080, allowed.Http!.Port);
        Assert.Contains("HTTP address needs a port of its own", sharedPort.Message);
        Assert.Contains("HTTP address '8080' is not host:port", notAnAddress.Message);
    }

    /// <summary>A server with the JSON API on a free loopback port.</summary>
    private static Task<TestServer> StartRestAsync(Func<ServerOptions, ServerOptions>? configure = null) =>
        TestServer.StartAsync(options => (configure?.Invoke(options) ?? options) with { HttpListen = "127.0.0.1:0" });

    private static HttpClient Client(TestServer test) => new() { BaseAddress = test.Server.HttpAddress, Timeout = TimeSpan.FromSeconds(30) };

    private static HttpRequestMessage Http2(HttpMethod method, Uri uri) =>
        new(method, uri) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };

    /// <summary>Sends a JSON request (with a bearer key when given) and reads the reply: status, content type, text, and the text parsed when it is one JSON value.</summary>
    private static async Task<Reply> SendAsync(HttpClient http, HttpMethod method, string path, string? json = null, string? key = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        if (key is not null)
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        JsonNode? parsed;
        try
        {
            parsed = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            parsed = null;
        }
        return new Reply(response.StatusCode, response.Content.Headers.ContentType?.ToString(), text, parsed ?? new JsonObject());
    }

    private sealed record Reply(HttpStatusCode Status, string? ContentType, string Text, JsonNode Json);
}
