using ArcFace.VectorDb.Cli.Data;
using ArcFace.VectorDb.Protos;

namespace ArcFace.VectorDb.Cli.Commands.Demo;

/// <summary>The vector part of the demo: an ArcFace-like set (identities with intra-identity cosine 0.5) upserted through gRPC.</summary>
internal static class SyntheticDemo
{
    /// <summary>The collection of the generated vectors.</summary>
    public const string Collection = "faces";

    private const int PointsPerMessage = 1000;

    /// <summary>Generates the set and upserts it into a new collection in durable batches, with a progress bar.</summary>
    public static async Task UpsertAsync(Protos.VectorDb.VectorDbClient client, SyntheticFaceSpec spec, ProgressLog log, CancellationToken cancellation)
    {
        var dataset = log.Step($"generating {spec.Count} ArcFace-like {spec.Dimension}-d vectors of {spec.Identities} identities", () => SyntheticFaceDataset.Generate(spec));
        var vectors = dataset.Base.Vectors;
        await client.CreateCollectionAsync(new CreateCollectionRequest { Name = Collection, Dimension = (uint)spec.Dimension }, cancellationToken: cancellation);
        await ConsoleProgress.RunAsync($"upsert them through gRPC into '{Collection}' (HNSW M=16, efConstruction=200)", vectors.Count, "vectors", log, async done =>
        {
            using var call = client.Upsert(cancellationToken: cancellation);
            for (int first = 0; first < vectors.Count; first += PointsPerMessage)
            {
                int count = Math.Min(PointsPerMessage, vectors.Count - first);
                var request = new UpsertRequest { Collection = first == 0 ? Collection : "", Wait = true };
                for (int i = first; i < first + count; i++)
                {
                    var point = new Point { Id = (ulong)i, Label = $"identity-{dataset.Base.Labels[i]}" };
                    point.Vector.AddRange(vectors.Data.AsSpan(i * vectors.Dimension, vectors.Dimension).ToArray());
                    request.Points.Add(point);
                }
                await call.RequestStream.WriteAsync(request, cancellation);
                done.Report(first + count);
            }
            await call.RequestStream.CompleteAsync();
            await call;
        });
    }
}
