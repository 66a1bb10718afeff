using ArcFace.VectorDb.Storage.Log;
using FsCheck;
using FsCheck.Fluent;

namespace ArcFace.VectorDb.Storage.Tests.Log;

/// <summary>Random log records: upserts with any Unicode label, source and attributes and any dimension 0..1024, and deletes.</summary>
public static class LogRecordGen
{
    /// <summary>The generator as an FsCheck arbitrary.</summary>
    public static Arbitrary<LogRecord> Records { get; } =
        Gen.OneOf(Upserts, Gen.Choose(0, int.MaxValue).Select(id => LogRecord.Delete((ulong)id * 2654435761UL))).ToArbitrary();

    private static Gen<LogRecord> Upserts =>
        from id in ArbMap.Default.GeneratorFor<ulong>()
        from label in Text
        from source in Text
        from attributes in Gen.ListOf(from key in Text from value in Text select new KeyValuePair<string, string>(key, value))
        from dimension in Gen.OneOf(Gen.Choose(0, 16), Gen.Choose(0, 1024))
        from seed in Gen.Choose(0, int.MaxValue)
        select LogRecord.Upsert(id, Vector(dimension, seed), label, source, attributes.ToArray());

    private static Gen<string> Text => ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "");

    private static float[] Vector(int dimension, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, dimension).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }
}
