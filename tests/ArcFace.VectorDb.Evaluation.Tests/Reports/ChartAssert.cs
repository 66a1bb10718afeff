namespace ArcFace.VectorDb.Evaluation.Tests.Reports;

/// <summary>What every saved report chart must be: an 800×500 PNG with a drawing on it and lettering in its title and x-label bands.</summary>
internal static class ChartAssert
{
    /// <summary>Checks the PNG at <paramref name="path"/>.</summary>
    public static void IsLabelledChart(string path)
    {
        using var png = new PngFile(path);
        Assert.Equal((800, 500), (png.HeaderWidth, png.HeaderHeight));
        Assert.Equal((800, 500), (png.Width, png.Height));
        Assert.True(png.DistinctColours() > 16, "The chart is (nearly) blank.");
        Assert.True(png.DarkPixels(0, 0, png.Width, 20) > 50, "No title was drawn: the font did not load.");
        Assert.True(png.DarkPixels(0, png.Height - 20, png.Width, 20) > 50, "No x-axis label was drawn: the font did not load.");
    }
}
