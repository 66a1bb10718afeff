using ArcFace.VectorDb.Core.Formats;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Core.Tests.Formats;

public class NpyFormatTests
{
    private const string F4x2x3 = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";

    [Fact]
    public void WriteNpy_RoundTripsThroughAFileWithA64ByteAlignedHeader()
    {
        using var dir = new TempDirectory();
        string path = dir.File("v.npy");
        var set = new VectorSet([1, 2, 3, 4, 5, 6, 7, 8], dimension: 4);

        VectorFiles.WriteNpy(path, set);
        var read = VectorFiles.ReadVectors(path);

        Assert.Equal(4, read.Dimension);
        Assert.Equal(set.Data, read.Data);
        Assert.Equal(0, (new FileInfo(path).Length - set.Data.Length * sizeof(float)) % 64);
    }

    [Fact]
    public void Float64_IsRoundedToFloat32()
    {
        using var stream = new FileBytes().NpyHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }").Values(0.1, -2.5, 1e300, 3.0).Stream();

        var read = VectorFiles.ReadVectors(stream, "v.npy");

        Assert.Equal([0.1f, -2.5f, float.PositiveInfinity, 3f], read.Data);
    }

    [Fact]
    public void UInt8_IsWidenedToFloat32()
    {
        using var stream = new FileBytes().NpyHeader("{'descr': '|u1', 'fortran_order': False, 'shape': (1, 3), }").Values<byte>(0, 7, 255).Stream();

        var read = VectorFiles.ReadVectors(stream, "v.npy");

        Assert.Equal([0f, 7f, 255f], read.Data);
    }

    [Fact]
    public void Int32Ids_AreReadAsTheyAre()
    {
        using var stream = new FileBytes().NpyHeader("{'descr': '<i4', 'fortran_order': False, 'shape': (2, 2), }").Values(1, -2, 3, int.MaxValue).Stream();

        var read = VectorFiles.ReadIds(stream, "gt.npy");

        Assert.Equal([1, -2, 3, int.MaxValue], read.Data);
        Assert.Equal(2, read.Width);
    }

    [Fact]
    public void Int64Ids_InRangeAreNarrowedToInt32()
    {
        using var stream = new FileBytes().NpyHeader("{'descr':'<i8','fortran_order':False,'shape':(1,3)}").Values(0L, int.MinValue, int.MaxValue).Stream();

        var read = VectorFiles.ReadIds(stream, "gt.npy");

        Assert.Equal([0, int.MinValue, int.MaxValue], read.Data);
    }

    [Fact]
    public void Int64Ids_OutOfRangeNameTheValueRowAndColumn()
    {
        using var stream = new FileBytes().NpyHeader("{'descr': '<i8', 'fortran_order': False, 'shape': (2, 2), }").Values(1L, 2L, 3L, 5_000_000_000L).Stream();

        var e = Assert.Throws<VectorFileException>(() => VectorFiles.ReadIds(stream, "gt.npy"));

        Assert.Equal("gt.npy: value 5000000000 at row 1, column 1 does not fit in Int32.", e.Message);
    }

    [Fact]
    public void Limit_ReadsOnlyTheFirstRows()
    {
        using var stream = new FileBytes().NpyHeader(F4x2x3).Values(1f, 2f, 3f, 4f, 5f, 6f).Stream();

        var read = VectorFiles.ReadVectors(stream, "v.npy", limit: 1);

        Assert.Equal([1f, 2f, 3f], read.Data);
    }

    [Fact]
    public void Version2Header_WithAFourByteLengthIsRead()
    {
        using var stream = new FileBytes().NpyHeader(F4x2x3, major: 2).Values(1f, 2f, 3f, 4f, 5f, 6f).Stream();

        Assert.Equal(2, VectorFiles.ReadVectors(stream, "v.npy").Count);
    }

    [Fact]
    public void TruncatedData_NamesTheRowAndTheBytes()
    {
        using var stream = new FileBytes().NpyHeader(F4x2x3).Values(1f, 2f, 3f, 4f).Stream();

        var e = Assert.Throws<VectorFileException>(() => VectorFiles.ReadVectors(stream, "cut.npy"));

        Assert.Equal("cut.npy: truncated at row 1: 2 rows of 3 '<f4' need 24 data bytes, found 16.", e.Message);
    }

    [Fact]
    public void BadMagic_IsAnError()
    {
        using var stream = new FileBytes().Row(1f, 2f, 3f).Stream();

        var e = Assert.Throws<VectorFileException>(() => VectorFiles.ReadVectors(stream, "fvecs-in-disguise.npy"));

        Assert.Contains("bad npy magic", e.Message);
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)", "expected '}'")]
    [InlineData("{'descr': '<f4', 'shape': (2, 3), }", "the key 'fortran_order' is missing")]
    [InlineData("{'descr': '<f4', 'fortran_order': maybe, 'shape': (2, 3), }", "expected True or False")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, x), }", "expected a non-negative integer")]
    public void MalformedHeader_IsABadHeaderError(string dict, string expected)
    {
        using var stream = new FileBytes().NpyHeader(dict).Stream();

        var e = Assert.Throws<VectorFileException>(() => VectorFiles.ReadVectors(stream, "v.npy"));

        Assert.Contains("bad npy header", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("v.npy", ">f4", "unsupported dtype '>f4' for vectors; supported: '<f4', '<f8', '|u1'.")]
    [InlineData("gt.npy", "<f4", "unsupported dtype '<f4' for ids; supported: '<i4', '<i8'.")]
    public void UnsupportedDtype_NamesTheSupportedOnes(string name, string descr, string expected)
    {
        using var stream = new FileBytes().NpyHeader($"{{'descr': '{descr}', 'fortran_order': False, 'shape': (1, 1), }}").Values(1f).Stream();

        var e = Assert.Throws<VectorFileException>(() => name == "v.npy" ? VectorFiles.ReadVectors(stream, name).Count : VectorFiles.ReadIds(stream, name).Count);

        Assert.Equal($"{name}: {expected}", e.Message);
    }

    [Fact]
    public void FortranOrder_IsAnError()
    {
        using var stream = new FileBytes().NpyHeader("{'descr': '<f4', 'fortran_order': True, 'shape': (1, 1), }").Values(1f).Stream();

        var e = Assert.Throws<VectorFileException>(() => VectorFiles.ReadVectors(stream, "f.npy"));

        Assert.Contains("fortran_order is True", e.Message);
    }

    [Theory]
    [InlineData("(6,)", "shape (6), 1-D")]
    [InlineData("(1, 2, 3)", "shape (1, 2, 3), 3-D")]
    public void ArrayThatIsNot2D_IsAnError(string shape, string expected)
    {
        using var stream = new FileBytes().NpyHeader($"{{'descr': '<f4', 'fortran_order': False, 'shape': {shape}, }}").Values(1f, 2f, 3f, 4f, 5f, 6f).Stream();

        var e = Assert.Throws<VectorFileException>(() => VectorFiles.ReadVectors(stream, "v.npy"));

        Assert.Contains(expected, e.Message);
        Assert.Contains("2-D (rows, dimension) array is required", e.Message);
    }

    [Fact]
    public void ZeroWidthShape_IsADimensionError()
    {
        using var stream = new FileBytes().NpyHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 0), }").Stream();

        var e = Assert.Throws<VectorFileException>(() => VectorFiles.ReadVectors(stream, "v.npy"));

        Assert.Contains("dimension 0 in the shape is not positive", e.Message);
    }

    [Fact]
    public void EmptyFile_IsAnError()
    {
        var e = Assert.Throws<VectorFileException>(() => VectorFiles.ReadVectors(new MemoryStream(), "v.npy"));

        Assert.Equal("v.npy: the file is empty.", e.Message);
    }
}
