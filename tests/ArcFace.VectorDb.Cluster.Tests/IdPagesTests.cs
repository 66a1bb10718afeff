using ArcFace.VectorDb.Cluster.Sharding;

namespace ArcFace.VectorDb.Cluster.Tests;

/// <summary>Paging by id stops at a short page or at the largest id, and otherwise goes on after the last id.</summary>
public class IdPagesTests
{
    [Fact]
    public void The_next_page_starts_after_a_full_page_s_last_id_and_there_is_none_after_a_short_page_or_the_largest_id()
    {
        Assert.Equal(8ul, IdPages.NextFrom<ulong>([3, 5, 7], 3, id => id));
        Assert.Null(IdPages.NextFrom<ulong>([3, 5], 3, id => id));
        Assert.Null(IdPages.NextFrom<ulong>([], 3, id => id));
        Assert.Null(IdPages.NextFrom<ulong>([1, ulong.MaxValue], 2, id => id));
    }
}
