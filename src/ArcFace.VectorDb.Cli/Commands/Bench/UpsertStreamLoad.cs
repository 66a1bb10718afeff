using System.Diagnostics;
using ArcFace.VectorDb.Cli.Commands.Serving;
using ArcFace.VectorDb.Core.Formats;
using ArcFace.VectorDb.Protos;
using Grpc.Net.Client;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>Loads a vector set into a served collection the way a client would: one streaming Upsert call, every message durable (committed before the server reads the next), ids = row numbers.</summary>
internal static class UpsertStreamLoad
{
    /// <summary>Points per Upsert message.</summary>
    public const int Batch = 1000;

    /// <summary>Sends every row of <paramref name="vectors"/> and returns the seconds until the server acknowledged the last one.</summary>
    public static async Task<double> RunAsync(Uri address, string collection, VectorSet vectors, string description, ProgressLog log, CancellationToken cancellation)
    {
        using var channel = GrpcChannel.ForAddress(address);
        var client = new Protos.VectorDb.VectorDbClient(channel);
        var clock = Stopwatch.StartNew();
        await ConsoleProgress.RunAsync(description, vectors.Count, "points", log, async progress =>
        {
            using var call = client.Upsert(cancellationToken: cancellation);
            for (int start = 0; start < vectors.Count; start += Batch)
            {
                int end = Math.Min(vectors.Count, start + Batch);
                var request = new UpsertRequest { Collection = collection, Wait = true };
                for (int row = start; row < end; row++)
                    request.Points.Add(new Point { Id = (ulong)row, Vector = { vectors.Row(row).ToArray() } });
                await call.RequestStream.WriteOrServerStatusAsync(request, call.ResponseAsync, cancellation);
                progress.Report(end);
            }
            await call.RequestStream.CompleteAsync();
            var answer = await call.ResponseAsync;
            if (answer.Upserted != (ulong)vectors.Count)
                throw new IOException($"The server acknowledged {answer.Upserted} of {vectors.Count} points into '{collection}'.");
        });
        return clock.Elapsed.TotalSeconds;
    }
}
