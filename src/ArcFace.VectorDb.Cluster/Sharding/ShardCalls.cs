using ArcFace.VectorDb.Cluster.Shards;
using Grpc.Core;

namespace ArcFace.VectorDb.Cluster.Sharding;

/// <summary>Calls to shard grains, with the cluster's own failures (a silo gone, a call timed out) turned into UNAVAILABLE.</summary>
internal static class ShardCalls
{
    /// <summary>Tries of a call that met an activation on its way out (a shard moving to its preferred silo).</summary>
    private const int Tries = 3;

    /// <summary>
    /// Makes <paramref name="call"/>, again (after a short pause) when it met an activation that was deactivating; an
    /// Orleans failure becomes a <see cref="ShardCallException"/> the client may retry. Every shard call is idempotent.
    /// </summary>
    public static async Task<T> Run<T>(Func<Task<T>> call, ShardKey shard)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (OrleansMessageRejectionException) when (attempt < Tries)
            {
                await Task.Delay(100 * attempt);
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                throw Unavailable(e, shard);
            }
        }
    }

    private static ShardCallException Unavailable(Exception e, ShardKey shard) =>
        new(StatusCode.Unavailable, $"Shard {shard.Index} of '{shard.Collection}' cannot be reached now ({e.GetType().Name}: {e.Message}); it is moving to another silo: retry the call.");

    /// <summary>Awaits every call; the first failure (by shard order) speaks for all of them once all have ended.</summary>
    public static async Task<T[]> All<T>(IEnumerable<Task<T>> calls)
    {
        var started = calls.ToArray();
        try
        {
            return await Task.WhenAll(started);
        }
        catch
        {
            throw started.First(call => call.IsFaulted).Exception!.InnerException!;
        }
    }
}
