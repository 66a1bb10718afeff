using System.Diagnostics;
using System.Globalization;
using ArcFace.VectorDb.Cli.Data;
using ArcFace.VectorDb.Cluster.Shards;
using ArcFace.VectorDb.Core.Formats;
using ArcFace.VectorDb.Core.Hashing;
using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Core.Search;
using ArcFace.VectorDb.Evaluation.Ann;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>
/// `bench shard-recall`: how recall at one ef changes when one index becomes shards searched side by side and merged, with
/// points routed by id (as the cluster does) or kept together by label. In process: no server, no network.
/// </summary>
internal static class ShardRecallBench
{
    /// <summary>Reads the data set, builds the three layouts in turn and measures each at every ef.</summary>
    public static ShardRecallReport Run(DirectoryInfo dataset, int shards, int[] efs, int k, int queryLimit, int threads, ProgressLog log)
    {
        string File(string name) => Path.Combine(dataset.FullName, name);
        var points = VectorFiles.ReadVectors(File(BenchDatasetFiles.Base));
        var queries = VectorFiles.ReadVectors(File(BenchDatasetFiles.Queries), queryLimit);
        var truth = VectorFiles.ReadIds(File(BenchDatasetFiles.GroundTruth), queries.Count);
        if (queries.Dimension != points.Dimension)
            throw new InvalidDataException($"The queries are {queries.Dimension}-d but the base vectors are {points.Dimension}-d.");
        if (truth.Count < queries.Count || truth.Width < k)
            throw new InvalidDataException($"{BenchDatasetFiles.GroundTruth} holds {truth.Count} rows of {truth.Width} neighbours; recall@{k} of {queries.Count} queries needs that many rows of at least {k}.");
        var truthIds = new ulong[queries.Count * truth.Width];
        RecallAtK.TruthIds(truth.Data.AsSpan(0, truthIds.Length), truthIds);
        var labels = System.IO.File.ReadLines(File(BenchDatasetFiles.BaseLabels)).ToArray();
        if (labels.Length != points.Count)
            throw new InvalidDataException($"{BenchDatasetFiles.BaseLabels} has {labels.Length} lines for {points.Count} base vectors.");

        var layouts = new List<ShardLayoutRun>
        {
            Measure("none", 1, _ => 0),
            Measure("id", shards, row => ShardRouting.ShardOf((ulong)row, shards)),
            Measure("label", shards, row => ShardRouting.ShardOf(LabelKey(labels[row]), shards)),
        };
        return new ShardRecallReport(dataset.Name, points.Count, points.Dimension, queries.Count, k, shards, layouts);

        ShardLayoutRun Measure(string route, int count, Func<int, int> shardOf)
        {
            var members = new List<int>[count];
            for (int s = 0; s < count; s++)
                members[s] = [];
            for (int row = 0; row < points.Count; row++)
                members[shardOf(row)].Add(row);
            var indexes = new HnswIndex[count];
            try
            {
                var clock = Stopwatch.StartNew();
                log.Step($"building {count} index(es) routed by {route}", () =>
                {
                    for (int s = 0; s < count; s++)
                        indexes[s] = Build(points, members[s], threads);
                });
                double build = clock.Elapsed.TotalSeconds;
                var runs = efs.Select(ef => Search(indexes, queries, truthIds, truth.Width, k, ef)).ToList();
                foreach (var run in runs)
                    log.Line($"route {route}, {count} shard(s), ef {run.Ef}: recall@{k} {run.Recall:F4}, {run.MicrosecondsPerQuery:F0} µs per query");
                return new ShardLayoutRun(route, [.. members.Select(list => list.Count)], build, runs);
            }
            finally
            {
                foreach (var index in indexes)
                    index?.Dispose();
            }
        }
    }

    /// <summary>A label's routing key: its number when it is one, else the FNV-1a hash of its text.</summary>
    private static ulong LabelKey(string label) =>
        ulong.TryParse(label, NumberStyles.None, CultureInfo.InvariantCulture, out ulong number) ? number : Fnv1a.Of(label);

    private static HnswIndex Build(VectorSet points, List<int> rows, int threads)
    {
        var index = new HnswIndex(points.Dimension);
        Parallel.ForEach(rows, new ParallelOptions { MaxDegreeOfParallelism = threads }, row => index.Upsert((ulong)row, points.Row(row)));
        return index;
    }

    /// <summary>
    /// Every query searched in every index at <paramref name="ef"/>, the hits merged to the top k, timed and scored against
    /// <paramref name="truth"/> by the sweep every ANN benchmark uses (untimed warm-up first).
    /// </summary>
    private static ShardRecallAtEf Search(HnswIndex[] indexes, VectorSet queries, ulong[] truth, int truthWidth, int k, int ef)
    {
        var hits = new SearchHit[k];
        var merged = new SearchHit[indexes.Length * k];
        var run = AnnSweep.Run((query, count, beam, ids) =>
        {
            int found = 0;
            foreach (var index in indexes)
            {
                int got = index.Search(query, count, beam, hits);
                hits.AsSpan(0, got).CopyTo(merged.AsSpan(found));
                found += got;
            }
            var top = merged.AsSpan(0, found);
            top.Sort(static (a, b) => b.Score.CompareTo(a.Score));
            int n = Math.Min(count, found);
            for (int i = 0; i < n; i++)
                ids[i] = top[i].Id;
            return n;
        }, queries.Dimension, queries.Data, queries.Count, truth, truthWidth, k, ef, found: null, AnnSweep.WarmUpTime);
        return new ShardRecallAtEf(ef, run.Recall, 1e6 / run.Qps);
    }
}
