using ArcFace.VectorDb.Cli.Commands.Serving;
using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Protos;
using ArcFace.VectorDb.Storage.Collections;
using Grpc.Core;

namespace ArcFace.VectorDb.Cli.Commands.Embedding;

/// <summary>
/// An ingest's sink on a server: each write is one message of a single streaming Upsert call (durable: committed before
/// the server reads the next); <see cref="CompleteAsync"/> ends the call and waits for the server's answer, so every
/// write sent is acknowledged. Resume asks <paramref name="presence"/>.
/// </summary>
internal sealed class UpsertStreamSink(ServerClient server, string collection, Durability durability, ServerPresence presence) : IEmbeddingSink, IDisposable
{
    private AsyncClientStreamingCall<UpsertRequest, UpsertResponse>? call;

    /// <inheritdoc />
    public bool Contains(ulong id) => presence.Contains(id);

    /// <inheritdoc />
    public async ValueTask WriteAsync(IReadOnlyList<EmbeddedPoint> points, CancellationToken cancellation)
    {
        var request = new UpsertRequest { Collection = collection, Wait = durability == Durability.Durable };
        foreach (var point in points)
        {
            var message = new Point { Id = point.Id, Label = point.Label, Source = point.Source, Vector = { point.Vector } };
            foreach (var (key, value) in point.Attributes)
                message.Attributes[key] = value;
            request.Points.Add(message);
        }
        call ??= server.VectorDb.Upsert(server.Headers, cancellationToken: CancellationToken.None);
        // Never cut short (the pipeline's rule for sinks): a write that starts is sent whole.
        await call.RequestStream.WriteOrServerStatusAsync(request, call.ResponseAsync, CancellationToken.None);
    }

    /// <summary>Ends the call and waits for the server's answer: every write sent is then committed (or, fire-and-forget, taken).</summary>
    public async Task CompleteAsync()
    {
        if (call is null)
            return;
        await call.RequestStream.CompleteAsync();
        await call.ResponseAsync;
    }

    /// <inheritdoc />
    public void Dispose() => call?.Dispose();
}
