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
        Assert.Equal(2, File.ReadAllLines(path).Length);
        Assert.Equal([("a.jpg", "not an image")], report.Kept);
    }

    [Fact]
    public void Closing_an_empty_report_deletes_its_file()
    {
        using var dir = new TempDirectory();
        string path = dir.File("run.errors.jsonl");
        using var report = new ErrorReport(path);

        Assert.False(report.Close());
        Assert.False(File.Exists(path));
    }
}
