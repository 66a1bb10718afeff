using ArcFace.VectorDb.Evaluation.Ann;
using ArcFace.VectorDb.Evaluation.Retrieval;

namespace ArcFace.VectorDb.Evaluation.Reports;

/// <summary>Writes the people's copies of a report beside its JSON: <c>x.json</c> gains <c>x.md</c> and <c>x.png</c>.</summary>
public static class ReportFiles
{
    /// <summary>Writes the Markdown page and the recall–QPS chart of an ANN benchmark beside <paramref name="jsonPath"/>.</summary>
    public static ReportPaths Write(string jsonPath, AnnReport report) =>
        Write(jsonPath, AnnMarkdown.Write(report), png => AnnChart.Save(report, png));

    /// <summary>Writes the Markdown page and the Recall@K chart of a retrieval evaluation beside <paramref name="jsonPath"/>.</summary>
    public static ReportPaths Write(string jsonPath, RetrievalReport report) =>
        Write(jsonPath, RetrievalMarkdown.Write(report), png => RetrievalChart.Save(report, png));

    private static ReportPaths Write(string jsonPath, string markdown, Action<string> savePng)
    {
        string extension = Path.GetExtension(jsonPath);
        if (extension.Equals(".md", StringComparison.OrdinalIgnoreCase) || extension.Equals(".png", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"{jsonPath}: the JSON report's path would be overwritten by its own {extension} copy.", nameof(jsonPath));
        var paths = new ReportPaths(Path.ChangeExtension(jsonPath, ".md"), Path.ChangeExtension(jsonPath, ".png"));
        File.WriteAllText(paths.Markdown, markdown);
        savePng(paths.Png);
        return paths;
    }
}
