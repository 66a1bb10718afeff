using ArcFace.VectorDb.Cli.Data;
using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Testing;
using Xunit.Abstractions;

namespace ArcFace.VectorDb.Cli.Tests.Data;

public class FashionMnistDatasetTests(ITestOutputHelper output)
{
    [Fact]
    public void RealDebianFiles_Load60kTrainAnd10kTestUnitVectorsWithClassLabels()
    {
        if (!FashionMnistDataset.IsInstalled(FashionMnistDataset.DefaultSource))
        {
            output.WriteLine($"SKIPPED: Fashion-MNIST is not installed in {FashionMnistDataset.DefaultSource} (apt-get install dataset-fashion-mnist).");
            return;
        }

        var dataset = FashionMnistDataset.Load(FashionMnistDataset.DefaultSource);

        Assert.Equal(60000, dataset.Base.Vectors.Count);
        Assert.Equal(10000, dataset.Queries.Vectors.Count);
        Assert.Equal(784, dataset.Base.Vectors.Dimension);
        Assert.Equal(1f, L2Normalization.Norm(dataset.Base.Vectors.Row(0)), 1e-5f);
        Assert.Equal(1f, L2Normalization.Norm(dataset.Queries.Vectors.Row(9999)), 1e-5f);
        Assert.All(dataset.Base.Labels, label => Assert.InRange(label, 0, 9));
        Assert.Equal(6000, Array.FindAll(dataset.Base.Labels, label => label == 3).Length);
    }

    [Fact]
    public void HandMadeIdxFiles_LoadAsNormalisedPixelVectorsWithTheirLabels()
    {
        using var dir = new TempDirectory();
        IdxBytes.WriteTinyFashionMnist(dir.Path);

        var dataset = FashionMnistDataset.Load(dir.Path);

        Assert.Equal(4, dataset.Base.Vectors.Dimension);
        AssertClose([1f, 0f, 0f, 0f], dataset.Base.Vectors.Row(0));
        AssertClose([0.6f, 0.8f, 0f, 0f], dataset.Base.Vectors.Row(1));
        AssertClose([0.5f, 0.5f, 0.5f, 0.5f], dataset.Queries.Vectors.Row(0));
        Assert.Equal([9, 0, 4], dataset.Base.Labels);
        Assert.Equal([2, 7], dataset.Queries.Labels);
    }

    [Fact]
    public void WrongMagicNumber_IsAClearErrorNamingTheFileAndBothMagics()
    {
        using var dir = new TempDirectory();
        IdxBytes.WriteTinyFashionMnist(dir.Path);
        string images = dir.File("train-images-idx3-ubyte.gz");
        IdxBytes.WriteGz(images, 0x801, [3], [1, 2, 3]);

        var e = Assert.Throws<DatasetException>(() => FashionMnistDataset.Load(dir.Path));

        Assert.Equal($"{images}: idx magic number 0x00000801, expected 0x00000803 (unsigned bytes, 3 dimension(s)); is this the right file?", e.Message);
    }

    [Fact]
    public void TruncatedIdxData_SaysHowManyBytesTheHeaderDeclares()
    {
        using var dir = new TempDirectory();
        IdxBytes.WriteTinyFashionMnist(dir.Path);
        IdxBytes.WriteGz(dir.File("t10k-images-idx3-ubyte.gz"), 0x803, [2, 2, 2], [1, 2, 3]);

        var e = Assert.Throws<DatasetException>(() => FashionMnistDataset.Load(dir.Path));

        Assert.Contains("truncated: the header declares 2 x 2 x 2 = 8 bytes of data, found 3", e.Message);
    }

    [Fact]
    public void LabelCountThatDiffersFromImageCount_IsAnError()
    {
        using var dir = new TempDirectory();
        IdxBytes.WriteTinyFashionMnist(dir.Path);
        IdxBytes.WriteGz(dir.File("train-labels-idx1-ubyte.gz"), 0x801, [2], [1, 2]);

        var e = Assert.Throws<DatasetException>(() => FashionMnistDataset.Load(dir.Path));

        Assert.Contains("holds 3 images but", e.Message);
        Assert.Contains("holds 2 labels", e.Message);
    }

    [Fact]
    public void FileThatIsNotGzip_IsAClearError()
    {
        using var dir = new TempDirectory();
        IdxBytes.WriteTinyFashionMnist(dir.Path);
        File.WriteAllText(dir.File("train-labels-idx1-ubyte.gz"), "not gzip at all");

        var e = Assert.Throws<DatasetException>(() => FashionMnistDataset.Load(dir.Path));

        Assert.Contains("train-labels-idx1-ubyte.gz: not a valid gzip file", e.Message);
    }

    [Fact]
    public void MissingFiles_SayWhichAndHowToInstallThem()
    {
        using var dir = new TempDirectory();

        var e = Assert.Throws<DatasetException>(() => FashionMnistDataset.Load(dir.Path));

        Assert.Contains("apt-get install dataset-fashion-mnist", e.Message);
        Assert.Contains("missing train-images-idx3-ubyte.gz", e.Message);
    }

    private static void AssertClose(float[] expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], actual[i], 1e-6f);
    }
}
