using System.Text.Json;

namespace ArcFace.VectorDb.Evaluation;

/// <summary>The JSON form of every report and job record: snake_case keys, indented.</summary>
public static class EvaluationJson
{
    /// <summary>The serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };
}
