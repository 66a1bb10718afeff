using Grpc.Core;

namespace ArcFace.VectorDb.Testing;

/// <summary>
/// Sends a client stream the way a careful client must: when the server ends the call early (a refused key, an unknown
/// collection), a write may fail with a transport status such as CANCELLED before the server's own status arrives, so a
/// failed write waits for the call's answer and throws the status the server sent.
/// </summary>
internal static class ClientStreams
{
    /// <summary>Writes every message, ends the stream, and returns the answer; a write the server cut short throws the server's status.</summary>
    public static async Task<TAnswer> SendAllAsync<TRequest, TAnswer>(IClientStreamWriter<TRequest> requests, IEnumerable<TRequest> messages, Task<TAnswer> answer, TimeSpan pause = default)
    {
        try
        {
            foreach (var message in messages)
            {
                await requests.WriteAsync(message);
                if (pause > TimeSpan.Zero)
                    await Task.Delay(pause);
            }
            await requests.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException)
        {
            await answer;
            throw;
        }
        return await answer;
    }
}
