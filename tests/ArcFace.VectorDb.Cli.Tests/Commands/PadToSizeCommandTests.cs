using System.Text.Json;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit.Abstractions;

namespace ArcFace.VectorDb.Cli.Tests.Commands;

/// <summary>`--resize-mode PadToSize` and `--pad-fill` through embed and ingest, on the bundled 32×32 model and real 28×28 images.</summary>
public class PadToSizeCommandTests(ITestOutputHelper output)
{
    [Fact]
    public void Embedding_a_28x28_image_padded_to_size_equals_embedding_it_padded_by_hand_to_32x32()
    {
        using var dir = new TempDirectory();
        string image = IngestCommandTests.SampleImage();
        using (var original = Image.Load<Rgb24>(image))
        using (var padded = new Image<Rgb24>(32, 32, new Rgb24(16, 16, 16)))
        {
            for (int y = 0; y < 28; y++)
                for (int x = 0; x < 28; x++)
                    padded[x + 2, y + 2] = original[x, y];
            padded.SaveAsPng(dir.File("padded.png"));
        }

        var byMode = CliRun.Invoke("embed", "--resize-mode", "PadToSize", "--pad-fill", "16", image);
        var byHand = CliRun.Invoke("embed", dir.File("padded.png"));

        output.WriteLine(byMode.Error + byHand.Error);
        Assert.Equal((0, 0), (byMode.ExitCode, byHand.ExitCode));
        Assert.Equal(Vector(byHand.Output), Vector(byMode.Output));
    }

    [Fact]
    public async Task Ingest_records_the_mode_and_fill_in_the_collection_and_reports_an_image_too_large_to_pad()
    {
        using var dir = new TempDirectory();
        string gallery = dir.File("gallery");
        int good = IngestCommandTests.CopySampleImages(gallery, perClass: 1);
        using (var large = new Image<Rgb24>(40, 40))
            large.SaveAsPng(Path.Combine(gallery, "Bag", "large.png"));

        var run = CliRun.Invoke("ingest", "--db", dir.File("db"), "--collection", "c", "--gallery", gallery, "--resize-mode", "PadToSize", "--pad-fill", "16", "--errors", dir.File("errors.jsonl"));

        output.WriteLine(run.Output + run.Error);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"ingested: {good} of {good + 1} images written, 0 already present, 1 unusable", run.Output);
        var reason = JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(dir.File("errors.jsonl"))).GetProperty("reason").GetString();
        Assert.StartsWith("too large for resize mode PadToSize: 40×40 does not fit the 32×32 input unscaled", reason);
        await using var database = VectorDatabase.Open(dir.File("db"));
        Assert.EndsWith("mode=PadToSize order=Rgb scale=1 mean=127.5,127.5,127.5 std=127.5,127.5,127.5 fill=16", database.GetCollection("c").Settings.Preprocessing);
    }

    private static float[] Vector(string jsonLine) =>
        [.. JsonSerializer.Deserialize<JsonElement>(jsonLine.Trim()).GetProperty("vector").EnumerateArray().Select(v => v.GetSingle())];
}
