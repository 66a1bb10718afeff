using System.Text.Json;
using ArcFace.VectorDb.Cli.Commands.Embedding;
using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Server.Hosting;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Testing;
using Grpc.Net.Client;
using Xunit.Abstractions;

namespace ArcFace.VectorDb.Cli.Tests.Commands;

/// <summary>`arcvdb ingest --server` against a loopback server, the server embedding (--embed server) or the client (--embed local).</summary>
public class ServerIngestCommandTests(ITestOutputHelper output)
{
    private const string Collection = "fashion";

    [Theory]
    [InlineData("server")]
    [InlineData("local")]
    public async Task Ingest_through_a_server_gives_the_ids_labels_and_vectors_of_a_local_ingest(string embed)
    {
        using var dir = new TempDirectory();
        int images = IngestCommandTests.CopySampleImages(dir.File("gallery"), perClass: 4);
        Assert.Equal(0, CliRun.Invoke("ingest", "--db", dir.File("local"), "--collection", Collection, "--gallery", dir.File("gallery")).ExitCode);
        await using var server = await StartWithCollectionAsync(dir.File("served"));

        var run = Ingest(server, "--gallery", dir.File("gallery"), "--embed", embed);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"ingested: {images} of {images} images written, 0 already present, 0 unusable", run.Output);
        Assert.Contains($"collection '{Collection}' now holds {images} vectors", run.Output);
        await using var local = VectorDatabase.OpenReadOnly(dir.File("local"));
        var expected = local.GetCollection(Collection).Scan().ToArray();
        var served = server.Database.GetCollection(Collection);
        Assert.Equal(images, served.Count);
        foreach (var record in expected)
        {
            var got = served.Get(record.Id);
            Assert.NotNull(got);
            Assert.Equal((record.Label, record.Source), (got.Label, got.Source));
            Assert.True(DotProduct.Compute(record.Vector, got.Vector) > 0.9999f, $"{record.Source}: cosine {DotProduct.Compute(record.Vector, got.Vector)}");
        }
    }

    [Theory]
    [InlineData("server")]
    [InlineData("local")]
    public async Task A_corrupt_file_and_one_that_cannot_be_read_land_in_the_local_error_report_and_the_rest_is_ingested(string embed)
    {
        using var dir = new TempDirectory();
        int images = IngestCommandTests.CopySampleImages(dir.File("gallery"), perClass: 2);
        File.WriteAllText(dir.File("gallery/Bag/corrupt.png"), "this is not an image");
        File.WriteAllText(dir.File("manifest.csv"), string.Join('\n', [.. Directory.GetFiles(dir.File("gallery"), "*", SearchOption.AllDirectories)
            .Select(file => $"{Path.GetRelativePath(dir.Path, file)},{Path.GetFileName(Path.GetDirectoryName(file))}"), "gallery/Bag/missing.png,Bag"]));
        await using var server = await StartWithCollectionAsync(dir.File("served"));

        var run = Ingest(server, "--manifest", dir.File("manifest.csv"), "--embed", embed, "--errors", dir.File("errors.jsonl"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"ingested: {images} of {images + 2} images written, 0 already present, 2 unusable", run.Output);
        Assert.Contains($"error report: {dir.File("errors.jsonl")}", run.Output);
        var reasons = File.ReadAllLines(dir.File("errors.jsonl")).Select(line => JsonSerializer.Deserialize<JsonElement>(line))
            .ToDictionary(e => Path.GetFileName(e.GetProperty("path").GetString()!), e => e.GetProperty("reason").GetString()!);
        Assert.Equal(["corrupt.png", "missing.png"], reasons.Keys.Order());
        Assert.Contains("not an image", reasons["corrupt.png"]);
        Assert.Equal(images, server.Database.GetCollection(Collection).Count);
    }

    [Theory]
    [InlineData("server")]
    [InlineData("local")]
    public async Task Resume_after_a_partial_run_ingests_only_the_images_the_server_lacks(string embed)
    {
        using var dir = new TempDirectory();
        int first = IngestCommandTests.CopySampleImages(dir.File("gallery"), perClass: 2);
        await using var server = await StartWithCollectionAsync(dir.File("served"));
        Assert.Equal(0, Ingest(server, "--gallery", dir.File("gallery"), "--embed", embed).ExitCode);
        Directory.Delete(dir.File("gallery"), recursive: true);
        int all = IngestCommandTests.CopySampleImages(dir.File("gallery"), perClass: 4);

        var run = Ingest(server, "--gallery", dir.File("gallery"), "--embed", embed, "--resume");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"ingested: {all - first} of {all} images written, {first} already present, 0 unusable", run.Output);
        Assert.Equal(all, server.Database.GetCollection(Collection).Count);
    }

    [Theory]
    [InlineData("server")]
    [InlineData("local")]
    public async Task A_terminate_signal_stops_sending_exits_130_and_the_server_holds_every_image_the_summary_counts(string embed)
    {
        using var dir = new TempDirectory();
        // The sample gallery four times over (ids 1..2000), so the run is still going when the signal comes.
        var files = Directory.GetFiles(BundledAssets.Gallery, "*.png", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        File.WriteAllLines(dir.File("manifest.csv"), Enumerable.Range(0, 4 * files.Length).Select(i => $"{files[i % files.Length]},{Path.GetFileName(Path.GetDirectoryName(files[i % files.Length]))},{i + 1}"));
        string[] ingest = ["ingest", "--collection", Collection, "--manifest", dir.File("manifest.csv"), "--embed", embed];
        await using var server = await StartWithCollectionAsync(dir.File("served"));
        using var process = ArcvdbProcess.Start([.. ingest, "--server", server.Address.ToString()]);
        var (_, written) = await IngestCrashTests.TerminateOnceIngestingAsync(process, output);

        Assert.InRange(written, 0, 4 * files.Length - 1);
        Assert.Equal(written, server.Database.GetCollection(Collection).Count);
        var resumed = CliRun.Invoke([.. ingest, "--server", server.Address.ToString(), "--resume"]);
        Assert.Contains($"{written} already present", resumed.Output);
        Assert.Equal(4 * files.Length, server.Database.GetCollection(Collection).Count);
    }

    [Fact]
    public async Task An_unknown_collection_is_one_error_line_saying_how_to_create_it_and_exit_code_1()
    {
        using var dir = new TempDirectory();
        await using var server = await StartWithCollectionAsync(dir.File("served"));

        var run = CliRun.Invoke("ingest", "--server", server.Address.ToString(), "--collection", "absent", "--gallery", BundledAssets.Gallery);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: {server.Address} has no collection 'absent'. Create it there first", run.Error);
        Assert.Contains("POST /v1/collections", run.Error);
        Assert.DoesNotContain("absent", server.Database.CollectionNames());
    }

    [Theory]
    [InlineData("server", "IngestImages")]
    [InlineData("local", "Upsert")]
    public async Task A_read_only_key_is_refused_with_the_server_s_reason_and_nothing_is_stored(string embed, string call)
    {
        using var dir = new TempDirectory();
        const string writeKey = "write-key-0123456789abcdef", readKey = "read-key-0123456789abcdef";
        File.WriteAllLines(dir.File("keys.txt"), [$"{writeKey} write", $"{readKey} read"]);
        await using var server = await StartWithCollectionAsync(dir.File("served"), apiKeyFile: dir.File("keys.txt"), key: writeKey);

        var run = Ingest(server, "--gallery", BundledAssets.Gallery, "--embed", embed, "--api-key", readKey);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"This API key is read-only; {call} writes.", run.Error);
        Assert.DoesNotContain("Cancelled", run.Error);
        Assert.Equal(0, server.Database.GetCollection(Collection).Count);
    }

    [Fact]
    public async Task Embed_local_refuses_a_collection_made_with_other_preprocessing_naming_both()
    {
        using var dir = new TempDirectory();
        await using var server = await StartWithCollectionAsync(dir.File("served"), preset: "imagenet");

        var run = Ingest(server, "--gallery", BundledAssets.Gallery, "--embed", "local");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"error: {server.Address}: Collection '{Collection}' cannot take this ingest: it was made with preprocessing 'imagenet ", run.Error);
        Assert.Contains("not 'insightface ", run.Error);
        Assert.Equal(0, server.Database.GetCollection(Collection).Count);
    }

    [Theory]
    [InlineData("Give exactly one of --db DIR", "--db", "DB", "--server", "http://127.0.0.1:1")]
    [InlineData("Give exactly one of --db DIR")]
    [InlineData("--embed applies only with --server", "--db", "DB", "--embed", "local")]
    [InlineData("--model does not apply with --embed server", "--server", "http://127.0.0.1:1", "--model", "m.onnx")]
    [InlineData("--quantization sets up a new local collection", "--server", "http://127.0.0.1:1", "--embed", "local", "--quantization", "int8")]
    [InlineData("--thumbnails does not apply with --embed local", "--server", "http://127.0.0.1:1", "--embed", "local", "--thumbnails", "false")]
    public void Options_that_do_not_fit_where_the_ingest_goes_are_refused_before_it_starts(string error, params string[] options)
    {
        using var dir = new TempDirectory();

        var run = CliRun.Invoke(["ingest", "--collection", "c", "--gallery", BundledAssets.Gallery, .. options.Select(o => o == "DB" ? dir.File("db") : o)]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(error, run.Error);
        Assert.False(Directory.Exists(dir.File("db")));
    }

    private CliRun Ingest(VectorDbServer server, params string[] options)
    {
        var run = CliRun.Invoke(["ingest", "--server", server.Address.ToString(), "--collection", Collection, .. options]);
        output.WriteLine($"{string.Join(' ', options)}: exit {run.ExitCode}\n{run.Output}{run.Error}");
        return run;
    }

    /// <summary>
    /// A loopback server over a new database at <paramref name="db"/> (asking for the keys of <paramref name="apiKeyFile"/>
    /// when given, the collection created with <paramref name="key"/>), holding an empty collection made with the bundled model.
    /// </summary>
    private static async Task<VectorDbServer> StartWithCollectionAsync(string db, string preset = "", string? apiKeyFile = null, string? key = null)
    {
        var server = await VectorDbServer.StartAsync(new ServerOptions
        {
            DatabasePath = db, CreateDatabase = true, Listen = "127.0.0.1:0", ModelDirectory = BundledAssets.ModelFolder, ApiKeyFile = apiKeyFile,
        });
        using var channel = GrpcChannel.ForAddress(server.Address);
        var headers = key is null ? null : new Grpc.Core.Metadata { { "authorization", $"Bearer {key}" } };
        await new Protos.VectorDb.VectorDbClient(channel).CreateCollectionAsync(
            new CreateCollectionRequest { Name = Collection, Model = Path.GetFileName(BundledAssets.Model), Preset = preset }, headers);
        return server;
    }
}
