using System.Text.Json.Serialization;

namespace ArcFace.VectorDb.Embedding.Ingest;

/// <summary>Source-generated JSON for error report lines (lower-case keys).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ErrorReport.Entry))]
internal sealed partial class EntryContext : JsonSerializerContext;
