using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Embedding.Tests.Ingest;

public class ErrorReportTests
{
    [Fact]
    public void Closing_a_report_with_entries_keeps_the_file_with_one_json_line_per_entry()
    {
        using var dir = new TempDirectory();
        string path = dir.File("reports/run.errors.jsonl");
        using var report = new ErrorReport(path, keepInMemory: 1);
        report.Add("a.jpg", "not an image");
        report.Add("b.jpg", "truncated");

        Assert.True(report.Close());
        Assert.Equal(path, report.WrittenPath);
        Assert.Equal(2, File.ReadAllLines(path).Length);
        Assert.Equal([("a.jpg", "not an image")], report.Kept);
    }

    [Fact]
    public void A_report_without_entries_never_creates_its_file_or_its_folder()
    {
        using var dir = new TempDirectory();
        string path = dir.File("reports/run.errors.jsonl");
        using var report = new ErrorReport(path);

        Assert.False(File.Exists(path));
        Assert.False(Directory.Exists(dir.File("reports")));
        Assert.Null(report.WrittenPath);
        Assert.False(report.Close());
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_new_report_removes_an_earlier_file_at_its_path()
    {
        using var dir = new TempDirectory();
        string path = dir.File("run.errors.jsonl");
        File.WriteAllText(path, "{\"path\":\"old.jpg\",\"reason\":\"from an earlier run\"}\n");

        using var report = new ErrorReport(path);

        Assert.False(File.Exists(path));
    }
}
