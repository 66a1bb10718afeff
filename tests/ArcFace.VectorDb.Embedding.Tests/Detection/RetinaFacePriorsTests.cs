using ArcFace.VectorDb.Embedding.Detection;

namespace ArcFace.VectorDb.Embedding.Tests.Detection;

/// <summary>Prior boxes against values worked out by hand.</summary>
public class RetinaFacePriorsTests
{
    [Fact]
    public void A_64x32_input_has_84_priors_laid_out_step_by_step_row_major_two_sizes_per_cell()
    {
        var priors = RetinaFacePriors.For(64, 32);

        // step 8: 4 rows × 8 columns × 2 = 64; step 16: 2 × 4 × 2 = 16; step 32: 1 × 2 × 2 = 4.
        Assert.Equal(84, priors.Length);
        Assert.Equal(84, RetinaFacePriors.Count(64, 32));
        Assert.Equal(new PriorBox(0.0625f, 0.125f, 0.25f, 0.5f), priors[0]);
        Assert.Equal(new PriorBox(0.0625f, 0.125f, 0.5f, 1f), priors[1]);
        Assert.Equal(new PriorBox(0.1875f, 0.125f, 0.25f, 0.5f), priors[2]);
        Assert.Equal(new PriorBox(0.0625f, 0.375f, 0.25f, 0.5f), priors[16]);
        Assert.Equal(new PriorBox(0.125f, 0.25f, 1f, 2f), priors[64]);
        Assert.Equal(new PriorBox(0.125f, 0.25f, 2f, 4f), priors[65]);
        Assert.Equal(new PriorBox(0.25f, 0.5f, 4f, 8f), priors[80]);
        Assert.Equal(new PriorBox(0.75f, 0.5f, 8f, 16f), priors[83]);
    }

    [Fact]
    public void Sides_that_are_not_multiples_of_a_step_round_their_cells_up_as_the_fixture_readme_counts()
    {
        Assert.Equal(2688, RetinaFacePriors.Count(250, 250));
        Assert.Equal(2688, RetinaFacePriors.Count(256, 256));
        Assert.Equal(16800, RetinaFacePriors.Count(640, 640));
    }
}
