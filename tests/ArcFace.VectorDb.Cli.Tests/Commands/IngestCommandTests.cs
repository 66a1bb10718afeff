using System.Text.Json;
using ArcFace.VectorDb.Cli.Commands.Embedding;
using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Testing;
using ArcFace.VectorDb.Testing.Images;
using Xunit.Abstractions;

namespace ArcFace.VectorDb.Cli.Tests.Commands;

/// <summary>`arcvdb ingest` and `arcvdb embed` with the bundled model and sample gallery.</summary>
public class IngestCommandTests(ITestOutputHelper output)
{
    [Fact]
    public void A_gallery_mixing_good_and_unusable_files_ingests_the_good_ones_reports_each_bad_one_and_exits_0()
    {
        using var dir = new TempDirectory();
        string gallery = dir.File("gallery");
        var good = CopySampleImages(gallery, perClass: 3);
        Directory.CreateDirectory(Path.Combine(gallery, "bad"));
        foreach (var (name, bytes, _) in GalleryFiles.Unusable())
            File.WriteAllBytes(Path.Combine(gallery, "bad", name), bytes);
        string report = dir.File("errors.jsonl");

        var run = CliRun.Invoke("ingest", "--db", dir.File("db"), "--collection", "c", "--gallery", gallery, "--errors", report);

        output.WriteLine(run.Output);
        Assert.Equal(0, run.ExitCode);
        int bad = GalleryFiles.Unusable().Count;
        Assert.Contains($"ingested: {good} of {good + bad} images written, 0 already present, {bad} unusable", run.Output);
        Assert.Contains($"error report: {report}", run.Output);
        var reasons = File.ReadAllLines(report).Select(l => JsonSerializer.Deserialize<JsonElement>(l))
            .ToDictionary(e => Path.GetFileName(e.GetProperty("path").GetString()!), e => e.GetProperty("reason").GetString()!);
        foreach (var (name, _, reason) in GalleryFiles.Unusable())
            Assert.True(reasons.TryGetValue(name, out var why) && why.Contains(reason), $"{name}: '{why}' should say '{reason}'");
    }

    [Fact]
    public void A_clean_ingest_writes_no_error_report_and_its_summary_names_none()
    {
        using var dir = new TempDirectory();
        int good = CopySampleImages(dir.File("gallery"), perClass: 1);

        var run = CliRun.Invoke("ingest", "--db", dir.File("db"), "--collection", "c", "--gallery", dir.File("gallery"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"ingested: {good} of {good} images written, 0 already present, 0 unusable", run.Output);
        Assert.DoesNotContain("error report", run.Output);
        Assert.Empty(Directory.GetFiles(dir.File("db"), "*.errors.jsonl", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Self_retrieval_on_the_sample_gallery_is_within_1_point_of_what_the_training_script_recorded()
    {
        using var dir = new TempDirectory();
        var run = CliRun.Invoke("ingest", "--db", dir.File("db"), "--collection", "fashion", "--gallery", BundledAssets.Gallery);
        Assert.Equal(0, run.ExitCode);
        await using var database = VectorDatabase.Open(dir.File("db"));
        var records = database.GetCollection("fashion").Scan().ToArray();

        int hits = 0;
        for (int q = 0; q < records.Length; q++)
        {
            int best = -1;
            float bestScore = float.NegativeInfinity;
            for (int g = 0; g < records.Length; g++)
            {
                float score = g == q ? float.NegativeInfinity : DotProduct.Compute(records[q].Vector, records[g].Vector);
                if (score > bestScore)
                    (best, bestScore) = (g, score);
            }
            hits += records[best].Label == records[q].Label ? 1 : 0;
        }
        double recallAt1 = 100.0 * hits / records.Length;
        double recorded = TrainingResults().GetProperty("sample_gallery").GetProperty("recall_at_1_leave_one_out").GetDouble();

        output.WriteLine($"leave-one-out Recall@1 over {records.Length}: {recallAt1:F2} (training script: {recorded:F2})");
        Assert.Equal(500, records.Length);
        Assert.InRange(recallAt1, recorded - 1, recorded + 1);
    }

    [Fact]
    public void Embed_prints_one_normalised_vector_per_image_and_names_unusable_files_on_stderr()
    {
        using var dir = new TempDirectory();
        string image = SampleImage();
        File.WriteAllText(dir.File("text.png"), "not an image");

        var run = CliRun.Invoke("embed", image, dir.File("text.png"));

        Assert.Equal(1, run.ExitCode);
        var line = JsonSerializer.Deserialize<JsonElement>(run.Output.Trim());
        var vector = line.GetProperty("vector").EnumerateArray().Select(v => v.GetSingle()).ToArray();
        Assert.Equal(image, line.GetProperty("path").GetString());
        Assert.Equal(128, vector.Length);
        Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => (double)v * v)), 1e-5);
        Assert.Contains("text.png: not an image", run.Error);
    }

    [Fact]
    public void Embed_given_a_directory_says_it_is_one_and_asks_for_image_files()
    {
        using var dir = new TempDirectory();

        var run = CliRun.Invoke("embed", dir.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains($"{dir.Path}: a directory, not an image file: name the image files in it", run.Error);
        Assert.DoesNotContain("denied", run.Error);
    }

    [Fact]
    public void A_missing_model_or_gallery_is_one_clear_line_and_exit_code_1()
    {
        using var dir = new TempDirectory();

        var noModel = CliRun.Invoke("ingest", "--db", dir.File("db"), "--collection", "c", "--gallery", BundledAssets.Gallery, "--model", dir.File("nope.onnx"));
        var noGallery = CliRun.Invoke("ingest", "--db", dir.File("db"), "--collection", "c", "--gallery", dir.File("none"));
        var twoSources = CliRun.Invoke("ingest", "--db", dir.File("db"), "--collection", "c", "--gallery", dir.Path, "--manifest", dir.File("m.csv"));

        Assert.Equal((1, 1), (noModel.ExitCode, noGallery.ExitCode));
        Assert.Contains("error: Model file not found", noModel.Error);
        Assert.Contains("error: Gallery folder not found", noGallery.Error);
        Assert.NotEqual(0, twoSources.ExitCode);
        Assert.Contains("Give exactly one of --gallery, --photos, --manifest or --inshop", twoSources.Error);
    }

    /// <summary>The first image of the bundled sample gallery (a 28×28 Fashion-MNIST bag).</summary>
    internal static string SampleImage() => Directory.GetFiles(Path.Combine(BundledAssets.Gallery, "Bag")).Order(StringComparer.Ordinal).First();

    /// <summary>Copies the first <paramref name="perClass"/> sample images of every class into <paramref name="gallery"/>; returns how many.</summary>
    internal static int CopySampleImages(string gallery, int perClass)
    {
        int copied = 0;
        foreach (string classFolder in Directory.GetDirectories(BundledAssets.Gallery))
        {
            string target = Path.Combine(gallery, Path.GetFileName(classFolder));
            Directory.CreateDirectory(target);
            foreach (string file in Directory.GetFiles(classFolder).Order(StringComparer.Ordinal).Take(perClass))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
                copied++;
            }
        }
        return copied;
    }

    private static JsonElement TrainingResults() =>
        JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(RepositoryFiles.Path("tools", "train-arcface", "results.json")));
}
