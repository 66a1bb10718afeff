using System.Text.Json;
using ArcFace.VectorDb.Cli.Commands.Embedding;
using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Core.Formats;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Testing;
using Xunit.Abstractions;

namespace ArcFace.VectorDb.Cli.Tests.Commands.Evaluation;

/// <summary>`arcvdb eval retrieval` over vector files, a collection, query images and In-shop.</summary>
public class EvalRetrievalCommandTests(ITestOutputHelper output)
{
    [Fact]
    public void Vector_files_give_the_hand_derived_figures_and_a_json_markdown_and_png_report()
    {
        using var dir = new TempDirectory();
        // Gallery: a and b near (1,0) labelled x; c near (0,1) labelled y. Query 1 = (1,0.05) labelled x ranks a, b, c:
        // Recall@1 = 1, AP@2 = (1/1 + 2/2)/2 = 1. Query 2 = (0.05,1) labelled "x,y" ranks c (y: relevant), then a, b (x):
        // relevant count 3, AP@2 = (1/1 + 2/2)/3 = 2/3. mAP@2 = (1 + 2/3)/2 = 83.33.
        var run = EvaluateThreeItemGallery(dir, "--topk", "1,2", "--map-topk", "2", "--index", "hnsw", "--ef", "8", "--json", dir.File("r.json"));

        output.WriteLine(run.Output + run.Error);
        Assert.Equal(0, run.ExitCode);
        var report = JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(dir.File("r.json")));
        Assert.Equal((2, 3), (report.GetProperty("queries").GetInt32(), report.GetProperty("gallery").GetInt32()));
        Assert.Equal(100.0, report.GetProperty("recall_at").GetProperty("1").GetDouble());
        Assert.Equal(100 * (1 + 2 / 3.0) / 2, report.GetProperty("map_at").GetProperty("2").GetDouble(), 9);
        Assert.Equal(report.GetProperty("map_at").GetProperty("2").GetDouble(), report.GetProperty("hnsw").GetProperty("map_at").GetProperty("2").GetDouble(), 9);
        Assert.True(File.Exists(dir.File("r.md")) && File.Exists(dir.File("r.png")));
        Assert.Contains("| 1 | 100.00 | 100.00 |", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_default_map_at_10_that_a_3_item_gallery_cannot_fill_is_left_out_with_a_note_when_topk_1_is_asked()
    {
        using var dir = new TempDirectory();

        var run = EvaluateThreeItemGallery(dir, "--topk", "1", "--json", dir.File("r.json"));

        output.WriteLine(run.Output + run.Error);
        Assert.Equal(0, run.ExitCode);
        var report = JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(dir.File("r.json")));
        Assert.Equal(["1"], report.GetProperty("recall_at").EnumerateObject().Select(p => p.Name));
        Assert.Empty(report.GetProperty("map_at").EnumerateObject());
        string note = Assert.Single(report.GetProperty("notes").EnumerateArray()).GetString()!;
        Assert.StartsWith("mAP@10 is left out", note, StringComparison.Ordinal);
        Assert.Contains($"note: {note}", run.Error, StringComparison.Ordinal);
        Assert.Contains(note, File.ReadAllText(dir.File("r.md")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--topk 1 --map-topk 10", "Top-10 asks for more gallery items than the 3 there are.")]
    [InlineData("--topk 1,4", "Top-4 asks for more gallery items than the 3 there are.")]
    public void A_k_asked_for_beyond_a_3_item_gallery_is_refused(string options, string message)
    {
        using var dir = new TempDirectory();

        var run = EvaluateThreeItemGallery(dir, options.Split(' '));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_hnsw_ef_below_the_largest_k_is_refused_naming_both()
    {
        using var dir = new TempDirectory();

        var run = EvaluateThreeItemGallery(dir, "--topk", "1,3", "--map-topk", "2", "--index", "hnsw", "--ef", "2");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("HNSW ef = 2 is below the largest K, 3", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leave_one_out_over_a_collection_equals_a_hand_written_nearest_neighbour_loop_over_its_vectors()
    {
        using var dir = new TempDirectory();
        string gallery = dir.File("gallery");
        IngestCommandTests.CopySampleImages(gallery, perClass: 12);
        Assert.Equal(0, CliRun.Invoke("ingest", "--db", dir.File("db"), "--collection", "c", "--gallery", gallery).ExitCode);
        double expected;
        await using (var database = VectorDatabase.Open(dir.File("db")))
        {
            var records = database.GetCollection("c").Scan().ToArray();
            int hits = records.Count(q => records.Where(g => g.Id != q.Id).MaxBy(g => DotProduct.Compute(q.Vector, g.Vector))!.Label == q.Label);
            expected = 100.0 * hits / records.Length;
        }

        var run = CliRun.Invoke("eval", "retrieval", "--db", dir.File("db"), "--collection", "c", "--json", dir.File("loo.json"));

        output.WriteLine(run.Output + run.Error);
        Assert.Equal(0, run.ExitCode);
        var report = JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(dir.File("loo.json")));
        Assert.Equal((120, 119), (report.GetProperty("queries").GetInt32(), report.GetProperty("gallery").GetInt32()));
        Assert.Equal(expected, report.GetProperty("recall_at").GetProperty("1").GetDouble(), 9);
    }

    [Fact]
    public void Query_images_are_embedded_with_the_collections_model_and_a_different_model_is_refused()
    {
        using var dir = new TempDirectory();
        IngestCommandTests.CopySampleImages(dir.File("gallery"), perClass: 5);
        IngestCommandTests.CopySampleImages(dir.File("queries"), perClass: 2);
        Assert.Equal(0, CliRun.Invoke("ingest", "--db", dir.File("db"), "--collection", "c", "--gallery", dir.File("gallery")).ExitCode);

        var run = CliRun.Invoke("eval", "retrieval", "--db", dir.File("db"), "--collection", "c", "--queries", dir.File("queries"), "--json", dir.File("q.json"));
        var flipped = CliRun.Invoke("eval", "retrieval", "--db", dir.File("db"), "--collection", "c", "--queries", dir.File("queries"), "--flip");

        output.WriteLine(run.Output + run.Error);
        Assert.Equal(0, run.ExitCode);
        var report = JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(dir.File("q.json")));
        Assert.Equal((20, 50), (report.GetProperty("queries").GetInt32(), report.GetProperty("gallery").GetInt32()));
        // The query images are gallery images too, so each finds itself first.
        Assert.Equal(100.0, report.GetProperty("recall_at").GetProperty("1").GetDouble());
        Assert.Equal(1, flipped.ExitCode);
        Assert.Contains("must come from the same model and preprocessing", flipped.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_images_embedded_by_a_renamed_copy_of_the_collections_model_are_accepted()
    {
        using var dir = new TempDirectory();
        IngestCommandTests.CopySampleImages(dir.File("gallery"), perClass: 2);
        IngestCommandTests.CopySampleImages(dir.File("queries"), perClass: 1);
        File.Copy(BundledAssets.Model, dir.File("renamed.onnx"));
        Assert.Equal(0, CliRun.Invoke("ingest", "--db", dir.File("db"), "--collection", "c", "--gallery", dir.File("gallery")).ExitCode);

        var run = CliRun.Invoke("eval", "retrieval", "--db", dir.File("db"), "--collection", "c", "--queries", dir.File("queries"), "--model", dir.File("renamed.onnx"), "--json", dir.File("q.json"));

        output.WriteLine(run.Output + run.Error);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(100.0, JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(dir.File("q.json"))).GetProperty("recall_at").GetProperty("1").GetDouble());
    }

    [Fact]
    public void In_shop_evaluates_the_query_split_against_the_gallery_split_by_item_id()
    {
        using var dir = new TempDirectory();
        // Three items of the sample gallery's classes, two gallery images and one query image each, plus a train row.
        var lines = new List<string>();
        foreach (string item in new[] { "Bag", "Dress", "Sneaker" })
        {
            var files = Directory.GetFiles(Path.Combine(BundledAssets.Gallery, item)).Order(StringComparer.Ordinal).Take(4).ToArray();
            string folder = Path.Combine(dir.File("inshop"), "Img", "img", item);
            Directory.CreateDirectory(folder);
            for (int i = 0; i < files.Length; i++)
            {
                File.Copy(files[i], Path.Combine(folder, $"{i}.png"));
                lines.Add($"img/{item}/{i}.png id_{item} {(i == 0 ? "query" : i == 3 ? "train" : "gallery")}");
            }
        }
        Directory.CreateDirectory(dir.File("inshop/Eval"));
        File.WriteAllLines(dir.File("inshop/Eval/list_eval_partition.txt"), [$"{lines.Count}", "image_name item_id evaluation_status", .. lines]);

        var run = CliRun.Invoke("eval", "retrieval", "--inshop", dir.File("inshop"), "--topk", "1,2", "--map-topk", "2", "--json", dir.File("shop.json"));

        output.WriteLine(run.Output + run.Error);
        Assert.Equal(0, run.ExitCode);
        var report = JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(dir.File("shop.json")));
        Assert.Equal((3, 6), (report.GetProperty("queries").GetInt32(), report.GetProperty("gallery").GetInt32()));
        Assert.StartsWith("In-shop", report.GetProperty("dataset").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--topk", "1,200", "Top-200 asks for more gallery items than the 119 there are besides the query")]
    [InlineData("--collection", "nope", "has no collection 'nope'")]
    public void A_k_beyond_the_gallery_or_an_unknown_collection_is_one_clear_line_and_exit_code_1(string option, string value, string message)
    {
        using var dir = new TempDirectory();
        IngestCommandTests.CopySampleImages(dir.File("gallery"), perClass: 12);
        Assert.Equal(0, CliRun.Invoke("ingest", "--db", dir.File("db"), "--collection", "c", "--gallery", dir.File("gallery")).ExitCode);
        var args = new List<string> { "eval", "retrieval", "--db", dir.File("db"), "--collection", "c" };
        int at = args.IndexOf(option);
        if (at >= 0)
            args[at + 1] = value;
        else
            args.AddRange([option, value]);

        var run = CliRun.Invoke([.. args]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_inputs_at_once_are_refused_before_anything_runs()
    {
        var run = CliRun.Invoke("eval", "retrieval", "--db", "/nonexistent", "--collection", "c", "--inshop", "/nonexistent");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Give one input", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Runs `eval retrieval` over vector files: a, b near (1,0) labelled x and c near (0,1) labelled y; queries (1,0.05) labelled x and (0.05,1) labelled "x,y".</summary>
    private static CliRun EvaluateThreeItemGallery(TempDirectory dir, params string[] options)
    {
        VectorFiles.WriteFvecs(dir.File("g.fvecs"), new VectorSet([1f, 0f, 0.98f, 0.1f, 0f, 1f], 2));
        VectorFiles.WriteFvecs(dir.File("q.fvecs"), new VectorSet([1f, 0.05f, 0.05f, 1f], 2));
        File.WriteAllLines(dir.File("g.txt"), ["x", "x", "y"]);
        File.WriteAllLines(dir.File("q.txt"), ["x", "x,y"]);
        return CliRun.Invoke(["eval", "retrieval", "--query-vectors", dir.File("q.fvecs"), "--query-labels", dir.File("q.txt"),
            "--gallery-vectors", dir.File("g.fvecs"), "--gallery-labels", dir.File("g.txt"), .. options]);
    }
}
