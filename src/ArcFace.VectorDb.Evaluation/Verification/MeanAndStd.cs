namespace ArcFace.VectorDb.Evaluation.Verification;

/// <summary>Mean and population standard deviation (numpy's default, ddof = 0) of per-fold figures.</summary>
internal readonly record struct MeanAndStd(double Mean, double Std)
{
    /// <summary>Mean and standard deviation of the values.</summary>
    public static MeanAndStd Of(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double v in values)
            sum += v;
        double mean = sum / values.Length, squares = 0;
        foreach (double v in values)
            squares += (v - mean) * (v - mean);
        return new MeanAndStd(mean, Math.Sqrt(squares / values.Length));
    }
}
