using System.Text.Json;

namespace ArcFace.VectorDb.Cli.Commands;

/// <summary>JSON settings of every report the CLI writes: snake_case keys, indented.</summary>
internal static class ReportJson
{
    /// <summary>Prints a report as JSON on the command's output and, when <paramref name="file"/> is given, writes it there too.</summary>
    public static void Emit<T>(System.CommandLine.ParseResult result, T report, FileInfo? file)
    {
        string text = JsonSerializer.Serialize(report, ArcFace.VectorDb.Evaluation.EvaluationJson.Options);
        result.InvocationConfiguration.Output.WriteLine(text);
        if (file is not null)
            File.WriteAllText(file.FullName, text);
    }
}
