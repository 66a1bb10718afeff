using ArcFace.VectorDb.Cli.Data;
using ArcFace.VectorDb.Core.Distance;

namespace ArcFace.VectorDb.Cli.Tests.Data;

public class SyntheticFaceDatasetTests
{
    private static SyntheticFaceSpec Spec(int dimension = 64, double cosine = 0.5, ulong seed = 42, int count = 2000, int queries = 200) =>
        new(count, queries, dimension, PerIdentity: 10, cosine, seed);

    [Fact]
    public void SameSeed_GivesTheSameVectorsAndLabelsWhateverTheThreadCount()
    {
        var oneThread = SyntheticFaceDataset.Generate(Spec(), maxThreads: 1);
        var allCores = SyntheticFaceDataset.Generate(Spec(), maxThreads: 0);

        Assert.Equal(oneThread.Base.Vectors.Data, allCores.Base.Vectors.Data);
        Assert.Equal(oneThread.Base.Labels, allCores.Base.Labels);
        Assert.Equal(oneThread.Queries.Vectors.Data, allCores.Queries.Vectors.Data);
        Assert.Equal(oneThread.Queries.Labels, allCores.Queries.Labels);
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentVectors()
    {
        var a = SyntheticFaceDataset.Generate(Spec(seed: 1));
        var b = SyntheticFaceDataset.Generate(Spec(seed: 2));

        Assert.NotEqual(a.Base.Vectors.Data, b.Base.Vectors.Data);
    }

    [Theory]
    [InlineData(128, 0.5)]
    [InlineData(512, 0.5)]
    [InlineData(128, 0.3)]
    [InlineData(512, 0.8)]
    public void MeasuredIntraIdentityCosine_IsWithin005OfTheTarget(int dimension, double cosine)
    {
        var dataset = SyntheticFaceDataset.Generate(Spec(dimension, cosine));

        var measured = IdentityCosines.Measure(dataset.Base, pairs: 5000, seed: 7);

        Assert.InRange(measured.Intra, cosine - 0.05, cosine + 0.05);
    }

    [Theory]
    [InlineData(128)]
    [InlineData(512)]
    public void MeasuredInterIdentityCosine_IsNearZero(int dimension)
    {
        var dataset = SyntheticFaceDataset.Generate(Spec(dimension));

        var measured = IdentityCosines.Measure(dataset.Base, pairs: 5000, seed: 7);

        Assert.InRange(measured.Inter, -0.02, 0.02);
    }

    [Fact]
    public void EveryVector_HasUnitLength()
    {
        var dataset = SyntheticFaceDataset.Generate(Spec());

        foreach (var set in new[] { dataset.Base.Vectors, dataset.Queries.Vectors })
        {
            for (int i = 0; i < set.Count; i++)
                Assert.Equal(1f, L2Normalization.Norm(set.Row(i)), 1e-5f);
        }
    }

    [Fact]
    public void Labels_AreIdentityIndicesWithPerIdentityBaseVectorsEach()
    {
        var spec = Spec(count: 2000, queries: 300);
        var dataset = SyntheticFaceDataset.Generate(spec);

        Assert.Equal(200, spec.Identities);
        Assert.Equal(2000, dataset.Base.Vectors.Count);
        Assert.Equal(300, dataset.Queries.Vectors.Count);
        Assert.All(dataset.Queries.Labels, label => Assert.InRange(label, 0, spec.Identities - 1));
        var perLabel = new int[spec.Identities];
        foreach (int label in dataset.Base.Labels)
            perLabel[label]++;
        Assert.All(perLabel, n => Assert.Equal(10, n));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void CosineOutsideTheOpenUnitInterval_IsRejected(double cosine) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticFaceDataset.Generate(Spec(cosine: cosine)));
}
