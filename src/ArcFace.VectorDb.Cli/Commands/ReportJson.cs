using System.Text.Json;

namespace ArcFace.VectorDb.Cli.Commands;

/// <summary>JSON settings of every report the CLI writes: snake_case keys, indented.</summary>
internal static class ReportJson
{
    /// <summary>The serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };
}
