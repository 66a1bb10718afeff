using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Core.Formats;

namespace ArcFace.VectorDb.Cli.Data;

/// <summary>
/// An ArcFace-like data set: random unit identity centres, each sample normalise(centre + σ·g) with g ~ N(0, I), so samples of one
/// identity have cosine ≈ the target and samples of different identities ≈ 0. Base vector i belongs to identity i mod identities;
/// each query is a fresh sample of a random identity.
/// </summary>
internal static class SyntheticFaceDataset
{
    private const ulong CentreStream = 1;
    private const ulong BaseStream = 2;
    private const ulong QueryStream = 3;

    /// <summary>Generates the data set; the result depends only on the spec, not on <paramref name="maxThreads"/> (0 = all cores).</summary>
    public static BenchDataset Generate(SyntheticFaceSpec spec, int maxThreads = 0)
    {
        spec.Validate();
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxThreads > 0 ? maxThreads : Environment.ProcessorCount };
        int dim = spec.Dimension;
        var centres = new float[(long)spec.Identities * dim];
        Parallel.For(0, spec.Identities, options, i =>
        {
            var random = SeededRandom.For(spec.Seed, CentreStream, i);
            var centre = centres.AsSpan(i * dim, dim);
            random.FillGaussian(centre);
            L2Normalization.Normalize(centre);
        });
        var baseSet = Samples(spec, centres, spec.Count, BaseStream, options, (ref _, i) => i % spec.Identities);
        var queries = Samples(spec, centres, spec.Queries, QueryStream, options, (ref random, _) => random.NextInt(spec.Identities));
        return new BenchDataset(baseSet, queries);
    }

    private delegate int IdentityPicker(ref SeededRandom random, int index);

    private static LabeledVectors Samples(SyntheticFaceSpec spec, float[] centres, int count, ulong stream, ParallelOptions options, IdentityPicker pick)
    {
        int dim = spec.Dimension;
        float sigma = spec.Sigma;
        var data = new float[(long)count * dim];
        var labels = new int[count];
        Parallel.For(0, count, options, i =>
        {
            var random = SeededRandom.For(spec.Seed, stream, i);
            int identity = pick(ref random, i);
            var centre = centres.AsSpan(identity * dim, dim);
            var sample = data.AsSpan(i * dim, dim);
            for (int j = 0; j < dim; j++)
                sample[j] = centre[j] + (sigma * (float)random.NextGaussian());
            L2Normalization.Normalize(sample);
            labels[i] = identity;
        });
        return new LabeledVectors(new VectorSet(data, dim), labels);
    }
}
