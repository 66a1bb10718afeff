using Grpc.Core;

namespace ArcFace.VectorDb.Server.Observability;

/// <summary>How one gRPC call ended: its full method name, status code, duration, and the collection it named (if any).</summary>
public readonly record struct CallOutcome(string Method, StatusCode Code, TimeSpan Elapsed, string? Collection);
