using System.Text.Json;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Cli.Tests.Commands;

/// <summary>`bench shard-recall` on a small synthetic identity set: three layouts, routing as documented, clear refusals.</summary>
public class ShardRecallCommandTests
{
    [Fact]
    public void Shard_recall_reports_one_index_and_both_routings_with_every_label_kept_on_one_shard()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRun.Invoke("bench", "make-data", "synthetic", "--out", dir.File("data"), "--n", "2000", "--queries", "100", "--dim", "32", "--gt-k", "10").ExitCode);

        var run = CliRun.Invoke("bench", "shard-recall", "--dataset", dir.File("data"), "--shards", "4", "--ef", "16,64", "--queries", "50", "--json", dir.File("report.json"));

        Assert.True(run.ExitCode == 0, run.Error);
        var root = JsonDocument.Parse(File.ReadAllText(dir.File("report.json"))).RootElement;
        Assert.Equal(2000, root.GetProperty("points").GetInt32());
        Assert.Equal(50, root.GetProperty("queries").GetInt32());
        var layouts = root.GetProperty("layouts").EnumerateArray().ToArray();
        Assert.Equal(["none", "id", "label"], layouts.Select(layout => layout.GetProperty("route").GetString()));
        Assert.Equal([2000], layouts[0].GetProperty("shard_points").EnumerateArray().Select(points => points.GetInt32()));
        foreach (var layout in layouts[1..])
        {
            var sizes = layout.GetProperty("shard_points").EnumerateArray().Select(points => points.GetInt32()).ToArray();
            Assert.Equal(4, sizes.Length);
            Assert.Equal(2000, sizes.Sum());
            Assert.All(sizes, size => Assert.True(size > 0));
        }
        // 200 identities of 10 samples each: routed by label, every shard holds whole identities.
        Assert.All(layouts[2].GetProperty("shard_points").EnumerateArray(), points => Assert.Equal(0, points.GetInt32() % 10));
        Assert.Contains(layouts[1].GetProperty("shard_points").EnumerateArray(), points => points.GetInt32() % 10 != 0);
        foreach (var layout in layouts)
        {
            var runs = layout.GetProperty("runs").EnumerateArray().ToArray();
            Assert.Equal([16, 64], runs.Select(r => r.GetProperty("ef").GetInt32()));
            Assert.All(runs, r => Assert.InRange(r.GetProperty("recall").GetDouble(), 0.3, 1.0));
            Assert.All(runs, r => Assert.True(r.GetProperty("microseconds_per_query").GetDouble() > 0));
        }
        // At ef 64 over 500 points per shard the search is all but exact in every layout.
        Assert.All(layouts, layout => Assert.True(layout.GetProperty("runs")[1].GetProperty("recall").GetDouble() >= 0.95));
    }

    [Fact]
    public void Shard_recall_refuses_an_ef_below_k_a_missing_folder_and_a_data_set_without_labels()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRun.Invoke("bench", "make-data", "synthetic", "--out", dir.File("data"), "--n", "200", "--queries", "10", "--dim", "8", "--gt-k", "10").ExitCode);
        var lowEf = CliRun.Invoke("bench", "shard-recall", "--dataset", dir.File("data"), "--ef", "5");
        Assert.NotEqual(0, lowEf.ExitCode);
        Assert.Contains("--ef 5 is below --k 10", lowEf.Error);
        var missing = CliRun.Invoke("bench", "shard-recall", "--dataset", dir.File("absent"));
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains($"Directory does not exist: '{dir.File("absent")}'", missing.Error);

        File.Delete(dir.File("data/base.labels"));
        var noLabels = CliRun.Invoke("bench", "shard-recall", "--dataset", dir.File("data"));
        Assert.NotEqual(0, noLabels.ExitCode);
        Assert.Contains("base.labels", noLabels.Error);
    }
}
