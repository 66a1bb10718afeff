using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Storage.Log;

namespace ArcFace.VectorDb.Storage.CrashWriter;

/// <summary>The deterministic records the crash writer appends, so a test can rebuild what each index must hold.</summary>
public static class CrashRecords
{
    /// <summary>The collection the snapshot mode fills: 64-d, L2 (so stored vectors equal the records' bytes).</summary>
    public static CollectionSettings Settings { get; } = new() { Name = "crash", Dimension = 64, Metric = CollectionMetric.L2 };

    /// <summary>Record number <paramref name="i"/>: a 64-d vector, a label, a source and one attribute, all derived from i.</summary>
    public static LogRecord Record(int i)
    {
        var random = new Random(i);
        var vector = new float[64];
        for (int j = 0; j < vector.Length; j++)
            vector[j] = (float)random.NextDouble();
        return LogRecord.Upsert((ulong)i * 31 + 7, vector, $"identity-{i % 97}", $"crash/{i}.png", [new("round", $"{i / 100}")]);
    }
}
