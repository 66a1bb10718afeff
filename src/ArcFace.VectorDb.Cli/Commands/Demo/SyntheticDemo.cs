using ArcFace.VectorDb.Cli.Commands.Serving;
using ArcFace.VectorDb.Cli.Data;
using ArcFace.VectorDb.Core.Formats;
using ArcFace.VectorDb.Protos;

namespace ArcFace.VectorDb.Cli.Commands.Demo;

/// <summary>
/// The vector part of the demo: an ArcFace-like set (identities with intra-identity cosine 0.5) upserted through gRPC,
/// with held-out queries of the same identities in a collection of their own, as ANN benchmarks keep queries apart.
/// </summary>
internal static class SyntheticDemo
{
    /// <summary>The collection of the generated vectors.</summary>
    public const string Collection = "faces";

    /// <summary>The collection of the held-out queries.</summary>
    public const string QueryCollection = "faces-queries";

    private const int PointsPerMessage = 1000;

    /// <summary>Generates the set and upserts base vectors and queries into new collections in durable batches, with progress bars.</summary>
    public static async Task UpsertAsync(Protos.VectorDb.VectorDbClient client, SyntheticFaceSpec spec, ProgressLog log, CancellationToken cancellation)
    {
        var dataset = log.Step($"generating {spec.Count} ArcFace-like {spec.Dimension}-d vectors of {spec.Identities} identities and {spec.Queries} queries", () => SyntheticFaceDataset.Generate(spec));
        await UpsertAsync(client, Collection, dataset.Base, $"upsert them through gRPC into '{Collection}' (HNSW M=16, efConstruction=200)", log, cancellation);
        await UpsertAsync(client, QueryCollection, dataset.Queries, $"upsert the queries into '{QueryCollection}'", log, cancellation);
    }

    private static async Task UpsertAsync(Protos.VectorDb.VectorDbClient client, string name, LabeledVectors set, string description, ProgressLog log, CancellationToken cancellation)
    {
        VectorSet vectors = set.Vectors;
        await client.CreateCollectionAsync(new CreateCollectionRequest { Name = name, Dimension = (uint)vectors.Dimension }, cancellationToken: cancellation);
        await ConsoleProgress.RunAsync(description, vectors.Count, "vectors", log, async done =>
        {
            using var call = client.Upsert(cancellationToken: cancellation);
            for (int first = 0; first < vectors.Count; first += PointsPerMessage)
            {
                int count = Math.Min(PointsPerMessage, vectors.Count - first);
                var request = new UpsertRequest { Collection = first == 0 ? name : "", Wait = true };
                for (int i = first; i < first + count; i++)
                {
                    var point = new Point { Id = (ulong)i, Label = $"identity-{set.Labels[i]}" };
                    point.Vector.AddRange(vectors.Data.AsSpan(i * vectors.Dimension, vectors.Dimension).ToArray());
                    request.Points.Add(point);
                }
                await call.RequestStream.WriteOrServerStatusAsync(request, call.ResponseAsync, cancellation);
                done.Report(first + count);
            }
            await call.RequestStream.CompleteAsync();
            await call;
        });
    }
}
