using ArcFace.VectorDb.Core.Formats;

namespace ArcFace.VectorDb.Core.Tests.Formats;

public class VectorFilesTests
{
    [Fact]
    public void UnknownVectorExtension_NamesTheSupportedOnesBeforeOpeningTheFile()
    {
        var e = Assert.Throws<VectorFileException>(() => VectorFiles.ReadVectors("/nonexistent/v.csv"));

        Assert.Equal("/nonexistent/v.csv: unsupported vector file extension '.csv'; supported: .fvecs, .bvecs, .npy.", e.Message);
    }

    [Fact]
    public void IdFileAsVectors_NamesTheSupportedVectorFormats()
    {
        var e = Assert.Throws<VectorFileException>(() => VectorFiles.ReadVectors("gt.ivecs"));

        Assert.Contains("supported: .fvecs, .bvecs, .npy", e.Message);
    }

    [Fact]
    public void VectorFileAsIds_NamesTheSupportedIdFormats()
    {
        var e = Assert.Throws<VectorFileException>(() => VectorFiles.ReadIds("base.fvecs"));

        Assert.Contains("supported: .ivecs, .npy", e.Message);
    }

    [Fact]
    public void Extension_IsMatchedWithoutRegardToCase()
    {
        using var stream = new FileBytes().Row(1f, 2f).Stream();

        Assert.Equal(2, VectorFiles.ReadVectors(stream, "BASE.FVECS").Dimension);
    }

    [Fact]
    public void MissingFile_IsAFileNotFoundError() =>
        Assert.Throws<FileNotFoundException>(() => VectorFiles.ReadVectors(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".fvecs")));
}
