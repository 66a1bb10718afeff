using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Evaluation.Ann;
using ArcFace.VectorDb.Evaluation.Reports;
using ArcFace.VectorDb.Evaluation.Retrieval;
using ArcFace.VectorDb.Evaluation.Verification;

namespace ArcFace.VectorDb.Cli.Commands.Evaluation;

/// <summary>How evaluation commands end: the Markdown table on the output, and the JSON, Markdown and PNG files when --json names where.</summary>
internal static class EvaluationOutput
{
    /// <summary>Prints a retrieval report, repeats its notes on the log and writes its files.</summary>
    public static void Emit(RetrievalReport report, FileInfo? json, TextWriter output, ProgressLog log)
    {
        foreach (string note in report.Notes)
            log.Line($"note: {note}");
        Emit(RetrievalMarkdown.Write(report), json is null ? null : () => ReportFiles.Write(json.FullName, report), output, log);
    }

    /// <summary>Prints an ANN report and writes its files.</summary>
    public static void Emit(AnnReport report, FileInfo? json, TextWriter output, ProgressLog log) =>
        Emit(AnnMarkdown.Write(report), json is null ? null : () => ReportFiles.Write(json.FullName, report), output, log);

    /// <summary>Prints a verification evaluation and writes its files.</summary>
    public static void Emit(VerificationEvaluation evaluation, FileInfo? json, TextWriter output, ProgressLog log) =>
        Emit(VerificationMarkdown.Write(evaluation), json is null ? null : () => ReportFiles.Write(json.FullName, evaluation), output, log);

    /// <summary>The default report path of a command run against a database: DB/reports/NAME-TIME.json.</summary>
    public static FileInfo DefaultPath(string databaseDirectory, string name) => new(DatabaseReports.PathFor(databaseDirectory, name, "json"));

    private static void Emit(string markdown, Func<ReportPaths>? write, TextWriter output, ProgressLog log)
    {
        output.WriteLine(markdown);
        if (write is null)
            return;
        var paths = write();
        log.Line($"wrote {paths.Json}, {paths.Markdown} and {paths.Png}");
    }
}
