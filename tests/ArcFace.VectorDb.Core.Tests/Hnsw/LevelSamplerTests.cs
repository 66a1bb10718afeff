using ArcFace.VectorDb.Core.Hnsw;

namespace ArcFace.VectorDb.Core.Tests.Hnsw;

public class LevelSamplerTests
{
    // The nodes above level 0 among the first 400 that hnswlib 0.6.2 (Debian's header, g++/libstdc++) draws for
    // HierarchicalNSW(space, 400, M = 16, efConstruction, seed), read from its element_levels_ after 400 addPoint calls.
    [Theory]
    [InlineData(100UL, "11:1 29:1 38:1 39:1 59:1 84:1 115:2 128:1 159:1 165:1 173:1 174:1 177:1 183:1 202:1 204:1 208:1 212:1 231:1 241:1 243:1 269:1 279:1 303:1 341:1 364:1 366:1 367:1 370:1 372:1 392:1 395:1")]
    [InlineData(1UL, "6:1 8:1 16:1 29:1 38:1 53:1 109:1 125:2 140:1 180:1 186:1 192:1 196:1 207:1 217:2 218:1 247:1 257:1 259:1 289:2 300:1 311:1 312:1 328:1 337:1 354:1 356:1 395:1 399:1")]
    public void A_seed_draws_the_same_levels_as_hnswlib_with_that_seed(ulong seed, string hnswlibUpperNodes)
    {
        var sampler = new LevelSampler(seed, m: 16, maxLevel: HnswIndex.MaxLevel);

        var upper = Enumerable.Range(0, 400).Select(node => (node, level: sampler.LevelOf(node))).Where(p => p.level > 0).Select(p => $"{p.node}:{p.level}");

        Assert.Equal(hnswlibUpperNodes, string.Join(" ", upper));
    }

    [Fact]
    public void Levels_follow_the_exponential_law_of_1_over_ln_M()
    {
        var sampler = new LevelSampler(42, m: 16, maxLevel: HnswIndex.MaxLevel);
        var levels = Enumerable.Range(0, 200_000).Select(sampler.LevelOf).ToArray();

        // P(level ≥ l) = M^−l: 1/16 of the nodes reach level 1, 1/256 level 2.
        Assert.InRange(levels.Count(l => l >= 1) / 200_000.0, 1 / 16.0 * 0.95, 1 / 16.0 * 1.05);
        Assert.InRange(levels.Count(l => l >= 2) / 200_000.0, 1 / 256.0 * 0.85, 1 / 256.0 * 1.15);
        Assert.All(levels, l => Assert.InRange(l, 0, HnswIndex.MaxLevel));
    }
}
