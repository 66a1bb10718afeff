using Grpc.Core;

namespace ArcFace.VectorDb.Cli.Commands.Serving;

/// <summary>
/// Writes of a client stream that report why the server ended the call: when the server answers early (a read-only key,
/// an unknown collection), a write still under way may fail with a transport status such as CANCELLED before the
/// server's own status has arrived; the call's answer holds the real one.
/// </summary>
internal static class ClientStreamWrites
{
    /// <summary>Writes <paramref name="message"/>; a write the server cut short throws the status in <paramref name="answer"/> instead.</summary>
    public static async Task WriteOrServerStatusAsync<T>(this IClientStreamWriter<T> writer, T message, Task answer, CancellationToken cancellation)
    {
        try
        {
            await writer.WriteAsync(message, cancellation);
        }
        catch (RpcException) when (!cancellation.IsCancellationRequested)
        {
            await answer;
            throw;
        }
    }
}
