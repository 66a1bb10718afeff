namespace ArcFace.VectorDb.Embedding.Detection;

/// <summary>
/// The RetinaFace prior boxes of an input size: for each step 8, 16, 32, cells of ceil(H/step) × ceil(W/step) row-major,
/// each cell giving its two min sizes in order.
/// </summary>
internal static class RetinaFacePriors
{
    private static readonly int[] Steps = [8, 16, 32];
    private static readonly int[][] MinSizes = [[16, 32], [64, 128], [256, 512]];

    /// <summary>How many priors an input of this size has (the model's P).</summary>
    public static int Count(int width, int height)
    {
        int count = 0;
        for (int level = 0; level < Steps.Length; level++)
            count += Cells(height, Steps[level]) * Cells(width, Steps[level]) * MinSizes[level].Length;
        return count;
    }

    /// <summary>The priors of a width×height input, in the order of the model's output rows.</summary>
    public static PriorBox[] For(int width, int height)
    {
        var priors = new PriorBox[Count(width, height)];
        int at = 0;
        for (int level = 0; level < Steps.Length; level++)
        {
            int step = Steps[level];
            int rows = Cells(height, step), columns = Cells(width, step);
            for (int y = 0; y < rows; y++)
            {
                for (int x = 0; x < columns; x++)
                {
                    float centerX = (x + 0.5f) * step / width, centerY = (y + 0.5f) * step / height;
                    foreach (int size in MinSizes[level])
                        priors[at++] = new PriorBox(centerX, centerY, (float)size / width, (float)size / height);
                }
            }
        }
        return priors;
    }

    private static int Cells(int length, int step) => (length + step - 1) / step;
}
