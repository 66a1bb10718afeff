using System.Text.Json;
using ArcFace.VectorDb.Cli.Commands.Embedding;
using ArcFace.VectorDb.Testing;
using ArcFace.VectorDb.Testing.Images;
using SixLabors.ImageSharp;
using Xunit.Abstractions;

namespace ArcFace.VectorDb.Cli.Tests.Commands.Evaluation;

/// <summary>`arcvdb eval verification` over CSV and LFW pair lists: real faces through the real MobileFaceNet, and unusable images left out.</summary>
public class EvalVerificationCommandTests(ITestOutputHelper output)
{
    private const int FixturePairs = 38;

    [Fact]
    public void Real_lfw_crops_score_same_people_above_different_people_and_write_json_markdown_and_png()
    {
        if (SharedFixtures.Faces is not { } faces)
        {
            output.WriteLine(SharedFixtures.FacesAbsent);
            return;
        }
        using var dir = new TempDirectory();
        string Crop(int pair, string kind, int side) => Path.Combine(faces, "lfw-aligned", $"{pair}_{kind}_{side}_aligned.jpg");
        // Same: the 38 fn pairs. Different: the 11 fp look-alikes, and fn crops of pairs 19 apart, which no group of
        // byte-identical files (the README's, at most pairs 16 to 18) spans. Interleaved so that every fold holds both.
        var lines = new List<string> { "a,b,same" };
        for (int i = 0; i < FixturePairs; i++)
        {
            int other = (i + FixturePairs / 2) % FixturePairs;
            lines.Add($"{Crop(i, "fn", 0)},{Crop(i, "fn", 1)},1");
            lines.Add($"{Crop(i, "fn", 0)},{Crop(other, "fn", 1)},0");
            lines.Add($"{Crop(i, "fn", 1)},{Crop(other, "fn", 0)},0");
            if (i < 11)
                lines.Add($"{Crop(i, "fp", 0)},{Crop(i, "fp", 1)},0");
        }
        File.WriteAllLines(dir.File("pairs.csv"), lines);

        var run = CliRun.Invoke("eval", "verification", "--pairs", dir.File("pairs.csv"), "--json", dir.File("v.json"),
            "--model", Path.Combine(faces, "mobilefacenet-arcface-128.onnx"), "--preset", "imagenet");

        output.WriteLine(run.Output + run.Error);
        Assert.Equal(0, run.ExitCode);
        Assert.All(new[] { "v.json", "v.md", "v.png" }, name => Assert.True(new FileInfo(dir.File(name)).Length > 0, $"{name} is missing or empty."));
        var report = JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(dir.File("v.json")));
        var (source, metrics) = (report.GetProperty("source"), report.GetProperty("metrics"));
        Assert.Equal((98, 0, 0), (source.GetProperty("images").GetInt32(), source.GetProperty("unusable_images").GetInt32(), source.GetProperty("pairs_left_out").GetInt32()));
        Assert.Equal((125, 38), (metrics.GetProperty("pairs").GetInt32(), metrics.GetProperty("same_pairs").GetInt32()));
        Assert.InRange(metrics.GetProperty("accuracy_mean").GetDouble(), 50, 100);
        Assert.True(report.GetProperty("same_mean_similarity").GetDouble() > report.GetProperty("different_mean_similarity").GetDouble());
        Assert.Contains("| 1e-1 |", run.Output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(dir.File("v.md")).TrimEnd(), run.Output.TrimEnd());
    }

    [Fact]
    public void An_lfw_pairs_txt_names_images_under_the_images_folder()
    {
        using var dir = new TempDirectory();
        foreach (string name in new[] { "Bag", "Coat", "Dress" })
            SampleJpegs(name, Path.Combine(dir.Path, "lfw", name), count: 3);
        // Header "2 2": two folds, each two same pairs then two different pairs.
        File.WriteAllText(dir.File("pairs.txt"),
            "2\t2\nBag\t1\t2\nCoat\t1\t3\nBag\t1\tCoat\t1\nDress\t2\tBag\t3\nDress\t1\t3\nBag\t2\t3\nCoat\t2\tDress\t1\nBag\t1\tDress\t3\n");

        var run = CliRun.Invoke("eval", "verification", "--pairs", dir.File("pairs.txt"), "--images", dir.File("lfw"), "--folds", "2", "--json", dir.File("lfw.json"));

        output.WriteLine(run.Output + run.Error);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("- images: 9 of 9 embedded (0 unusable)\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("- pairs: 8 scored (4 same, 4 different) of 8 listed; 0 left out", run.Output, StringComparison.Ordinal);
        Assert.Equal(2, JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(dir.File("lfw.json"))).GetProperty("metrics").GetProperty("folds").GetInt32());
    }

    [Fact]
    public void Pairs_naming_a_missing_or_corrupt_image_are_left_out_and_the_warning_says_why()
    {
        using var dir = new TempDirectory();
        SampleJpegs("bag", dir.Path, count: 4);
        File.WriteAllBytes(dir.File("text.jpg"), GalleryFiles.Unusable().Single(file => file.Name == "text.jpg").Bytes);
        File.WriteAllLines(dir.File("pairs.csv"),
        [
            "bag_0001.jpg,bag_0002.jpg,1", "bag_0001.jpg,bag_0003.jpg,0", "missing.jpg,bag_0001.jpg,1",
            "bag_0003.jpg,bag_0004.jpg,1", "bag_0002.jpg,text.jpg,0", "bag_0002.jpg,bag_0004.jpg,0",
        ]);

        var run = CliRun.Invoke("eval", "verification", "--pairs", dir.File("pairs.csv"), "--folds", "2");

        output.WriteLine(run.Output + run.Error);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("warning: 2 of the 6 pair images cannot be used and are left out of the evaluation: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("warning: 2 of the 6 pairs are left out because 2 of their 6 images cannot be used.", run.Error, StringComparison.Ordinal);
        string report = System.Text.RegularExpressions.Regex.Match(run.Error, @"see (\S+\.errors\.jsonl)").Groups[1].Value;
        Assert.Equal(2, File.ReadAllLines(report).Length);
        File.Delete(report);
        Assert.Contains($"{dir.File("missing.jpg")}: unreadable file", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{dir.File("text.jpg")}: not an image", run.Error, StringComparison.Ordinal);
        Assert.Contains("- pairs: 4 scored (2 same, 2 different) of 6 listed; 2 left out for an unusable image\n", run.Output, StringComparison.Ordinal);
    }

    /// <summary>The first <paramref name="count"/> bundled Fashion-MNIST images of a class, re-encoded as LFW-named JPEGs NAME_0001.jpg….</summary>
    private static void SampleJpegs(string name, string folder, int count)
    {
        Directory.CreateDirectory(folder);
        string source = Path.Combine(BundledAssets.Gallery, char.ToUpperInvariant(name[0]) + name[1..]);
        var files = Directory.GetFiles(source, "*.png").Order(StringComparer.Ordinal).Take(count).ToArray();
        for (int i = 0; i < files.Length; i++)
        {
            using var image = Image.Load(files[i]);
            image.SaveAsJpeg(Path.Combine(folder, $"{name}_{i + 1:D4}.jpg"));
        }
    }
}
