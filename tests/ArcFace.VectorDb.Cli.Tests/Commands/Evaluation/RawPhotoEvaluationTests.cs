using System.Text.Json;
using ArcFace.VectorDb.Testing;
using Xunit.Abstractions;

namespace ArcFace.VectorDb.Cli.Tests.Commands.Evaluation;

/// <summary>The evaluations on raw photos: with --detector each photo is its face nearest the centre, aligned, as the gallery's crops are.</summary>
public class RawPhotoEvaluationTests(ITestOutputHelper output)
{
    /// <summary>lfw-raw photos whose crop in lfw-aligned/ has no byte-identical twin and is not one of the README's poor crops.</summary>
    private static readonly string[] Queries = [.. new[] { 0, 1, 2, 3, 4, 5, 6, 8, 10, 11, 12, 13, 14, 15, 16, 17, 19 }.Select(i => $"{i}_fn_0")];

    [Fact]
    public void Raw_photos_as_queries_with_a_detector_find_their_own_aligned_crops_and_without_one_mostly_do_not()
    {
        if (SharedFixtures.Faces is not { } faces)
        {
            output.WriteLine(SharedFixtures.FacesAbsent);
            return;
        }
        using var dir = new TempDirectory();
        // Every crop is its own label; each query photo is labelled by the crop made from it.
        foreach (string crop in Directory.GetFiles(Path.Combine(faces, "lfw-aligned"), "*.jpg"))
        {
            string name = Path.GetFileNameWithoutExtension(crop).Replace("_aligned", "", StringComparison.Ordinal);
            Directory.CreateDirectory(dir.File(Path.Combine("gallery", name)));
            File.Copy(crop, dir.File(Path.Combine("gallery", name, name + ".jpg")));
        }
        foreach (string name in Queries)
        {
            Directory.CreateDirectory(dir.File(Path.Combine("queries", name)));
            File.Copy(Path.Combine(faces, "lfw-raw", name + ".jpg"), dir.File(Path.Combine("queries", name, name + ".jpg")));
        }
        string[] model = ["--model", Path.Combine(faces, "mobilefacenet-arcface-128.onnx"), "--preset", "imagenet"];
        Assert.Equal(0, CliRun.Invoke(["ingest", "--db", dir.File("db"), "--collection", "crops", "--gallery", dir.File("gallery"), .. model]).ExitCode);
        string[] eval = ["eval", "retrieval", "--db", dir.File("db"), "--collection", "crops", "--queries", dir.File("queries"), "--topk", "1", .. model];

        var detected = CliRun.Invoke([.. eval, "--detector", Path.Combine(faces, "retinaface-mnet025.onnx"), "--json", dir.File("faces.json")]);
        var whole = CliRun.Invoke([.. eval, "--json", dir.File("whole.json")]);

        output.WriteLine(detected.Output + detected.Error + whole.Output);
        Assert.Equal((0, 0), (detected.ExitCode, whole.ExitCode));
        double withFaces = Recall1(dir.File("faces.json")), photosWhole = Recall1(dir.File("whole.json"));
        output.WriteLine($"Recall@1: {withFaces} with the detector, {photosWhole} with the photos embedded whole");
        Assert.Equal(100.0, withFaces);
        Assert.True(photosWhole < 50, $"photos embedded whole reached Recall@1 {photosWhole}");
    }

    [Fact]
    public void Verification_over_raw_photo_pairs_with_a_detector_scores_each_photo_by_its_centre_face()
    {
        if (SharedFixtures.Faces is not { } faces)
        {
            output.WriteLine(SharedFixtures.FacesAbsent);
            return;
        }
        using var dir = new TempDirectory();
        string Photo(int pair, int side) => Path.Combine(faces, "lfw-raw", $"{pair}_fn_{side}.jpg");
        var lines = new List<string> { "a,b,same" };
        for (int i = 0; i < 38; i++)
        {
            lines.Add($"{Photo(i, 0)},{Photo(i, 1)},1");
            lines.Add($"{Photo(i, 0)},{Photo((i + 19) % 38, 1)},0");
        }
        File.WriteAllLines(dir.File("pairs.csv"), lines);

        var run = CliRun.Invoke("eval", "verification", "--pairs", dir.File("pairs.csv"), "--json", dir.File("v.json"), "--detector", Path.Combine(faces, "retinaface-mnet025.onnx"),
            "--model", Path.Combine(faces, "mobilefacenet-arcface-128.onnx"), "--preset", "imagenet");

        output.WriteLine(run.Output + run.Error);
        Assert.Equal(0, run.ExitCode);
        var report = JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(dir.File("v.json")));
        Assert.Equal((76, 0), (report.GetProperty("source").GetProperty("images").GetInt32(), report.GetProperty("source").GetProperty("unusable_images").GetInt32()));
        Assert.True(report.GetProperty("same_mean_similarity").GetDouble() > report.GetProperty("different_mean_similarity").GetDouble() + 0.1);
        Assert.Contains("keeping center faces", run.Error);
    }

    [Fact]
    public void Query_photos_detected_otherwise_than_the_collections_own_are_refused()
    {
        if (SharedFixtures.Faces is not { } faces)
        {
            output.WriteLine(SharedFixtures.FacesAbsent);
            return;
        }
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File(Path.Combine("photos", "a")));
        File.Copy(Path.Combine(faces, "lfw-raw", "1_fn_0.jpg"), dir.File(Path.Combine("photos", "a", "1_fn_0.jpg")));
        string[] model = ["--model", Path.Combine(faces, "mobilefacenet-arcface-128.onnx"), "--preset", "imagenet", "--detector", Path.Combine(faces, "retinaface-mnet025.onnx")];
        Assert.Equal(0, CliRun.Invoke(["ingest", "--db", dir.File("db"), "--collection", "people", "--gallery", dir.File("photos"), .. model]).ExitCode);

        var run = CliRun.Invoke(["eval", "retrieval", "--db", dir.File("db"), "--collection", "people", "--queries", dir.File("photos"), "--topk", "1", .. model, "--det-threshold", "0.9"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("its faces were found by retinaface-mnet025.onnx sha256:", run.Error);
        Assert.Contains("threshold=0.9", run.Error);
    }

    private static double Recall1(string json) =>
        JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(json)).GetProperty("recall_at").GetProperty("1").GetDouble();
}
