using ArcFace.VectorDb.Core.Hashing;

namespace ArcFace.VectorDb.Core.Tests;

/// <summary>FNV-1a gives the published 32-bit test values (ASCII text: one code unit per byte).</summary>
public class Fnv1aTests
{
    [Theory]
    [InlineData("", 0x811C9DC5u)]
    [InlineData("a", 0xE40C292Cu)]
    [InlineData("foobar", 0xBF9CF968u)]
    public void Fnv1a_gives_the_published_values(string text, uint expected) => Assert.Equal(expected, Fnv1a.Of(text));
}
