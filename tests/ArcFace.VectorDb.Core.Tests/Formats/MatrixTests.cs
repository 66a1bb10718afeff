using ArcFace.VectorDb.Core.Formats;

namespace ArcFace.VectorDb.Core.Tests.Formats;

public class MatrixTests
{
    [Fact]
    public void VectorSet_RowReturnsThatRowsComponents()
    {
        var set = new VectorSet([1, 2, 3, 4, 5, 6], dimension: 3);

        Assert.Equal(2, set.Count);
        Assert.Equal(3, set.Dimension);
        Assert.Equal([4f, 5f, 6f], set.Row(1).ToArray());
    }

    [Fact]
    public void VectorSet_RejectsDataThatIsNotAWholeNumberOfRows() =>
        Assert.Throws<ArgumentException>(() => new VectorSet([1, 2, 3, 4], dimension: 3));

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void VectorSet_RejectsNonPositiveDimension(int dimension) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new VectorSet([], dimension));

    [Fact]
    public void VectorSet_RowOutsideTheSetThrows()
    {
        var set = new VectorSet([1, 2], dimension: 2);

        Assert.Throws<ArgumentOutOfRangeException>(() => set.Row(1).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Row(-1).Length);
    }

    [Fact]
    public void IdMatrix_RowReturnsThatRowsIds()
    {
        var ids = new IdMatrix([7, 8, 9, 10], width: 2);

        Assert.Equal(2, ids.Count);
        Assert.Equal(2, ids.Width);
        Assert.Equal([9, 10], ids.Row(1).ToArray());
    }

    [Fact]
    public void IdMatrix_RejectsDataThatIsNotAWholeNumberOfRows() =>
        Assert.Throws<ArgumentException>(() => new IdMatrix([1, 2, 3], width: 2));
}
