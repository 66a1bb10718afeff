using System.Text.Json;
using ArcFace.VectorDb.Evaluation.Ann;
using ArcFace.VectorDb.Evaluation.Retrieval;
using ArcFace.VectorDb.Evaluation.Verification;

namespace ArcFace.VectorDb.Evaluation.Reports;

/// <summary>Writes a report as <c>x.json</c> and, beside it, the people's copies <c>x.md</c> and <c>x.png</c>.</summary>
public static class ReportFiles
{
    /// <summary>Writes an ANN benchmark's JSON, its Markdown page and its recall–QPS chart.</summary>
    public static ReportPaths Write(string jsonPath, AnnReport report) =>
        Write(jsonPath, JsonSerializer.Serialize(report, EvaluationJson.Options), AnnMarkdown.Write(report), png => AnnChart.Save(report, png));

    /// <summary>Writes a retrieval evaluation's JSON, its Markdown page and its Recall@K chart.</summary>
    public static ReportPaths Write(string jsonPath, RetrievalReport report) =>
        Write(jsonPath, JsonSerializer.Serialize(report, EvaluationJson.Options), RetrievalMarkdown.Write(report), png => RetrievalChart.Save(report, png));

    /// <summary>Writes a verification evaluation's JSON, its Markdown page and its ROC chart.</summary>
    public static ReportPaths Write(string jsonPath, VerificationEvaluation evaluation) =>
        Write(jsonPath, JsonSerializer.Serialize(evaluation, EvaluationJson.Options), VerificationMarkdown.Write(evaluation), png => VerificationChart.Save(evaluation, png));

    private static ReportPaths Write(string jsonPath, string json, string markdown, Action<string> savePng)
    {
        string extension = Path.GetExtension(jsonPath);
        if (extension.Equals(".md", StringComparison.OrdinalIgnoreCase) || extension.Equals(".png", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"{jsonPath}: the JSON report's path would be overwritten by its own {extension} copy.", nameof(jsonPath));
        var paths = new ReportPaths(Path.GetFullPath(jsonPath), Path.GetFullPath(Path.ChangeExtension(jsonPath, ".md")), Path.GetFullPath(Path.ChangeExtension(jsonPath, ".png")));
        Directory.CreateDirectory(Path.GetDirectoryName(paths.Json)!);
        File.WriteAllText(paths.Json, json);
        File.WriteAllText(paths.Markdown, markdown);
        savePng(paths.Png);
        return paths;
    }
}
