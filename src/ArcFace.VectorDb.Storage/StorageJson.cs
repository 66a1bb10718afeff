using System.Text.Json;

namespace ArcFace.VectorDb.Storage;

/// <summary>JSON settings of every file the storage writes: snake_case keys, indented.</summary>
internal static class StorageJson
{
    /// <summary>The serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };
}
