using ArcFace.VectorDb.Storage.Log;

namespace ArcFace.VectorDb.Storage.CrashWriter;

/// <summary>The deterministic records the crash writer appends, so a test can rebuild what each index must hold.</summary>
public static class CrashRecords
{
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
