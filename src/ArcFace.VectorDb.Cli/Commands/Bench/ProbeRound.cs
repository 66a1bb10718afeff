using ArcFace.VectorDb.Protos;
using Grpc.Core;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>A round of probe searches sent all at once, each with a deadline: how many failed (a search fans out to every shard, so one failure means a shard is unreachable).</summary>
internal static class ProbeRound
{
    /// <summary>How long one probe may take before it counts as failed.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2);

    /// <summary>Sends every probe and returns how many did not answer OK in time.</summary>
    public static async Task<int> FailuresAsync(Protos.VectorDb.VectorDbClient client, SearchRequest[] probes, CancellationToken cancellation)
    {
        var answers = await Task.WhenAll(probes.Select(async probe =>
        {
            try
            {
                await client.SearchAsync(probe, deadline: DateTime.UtcNow + Deadline, cancellationToken: cancellation);
                return true;
            }
            catch (RpcException) when (!cancellation.IsCancellationRequested)
            {
                return false;
            }
        }));
        return answers.Count(ok => !ok);
    }
}
