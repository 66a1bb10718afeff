namespace ArcFace.VectorDb.Evaluation.Verification;

/// <summary>Distance thresholds j·Step for j in [0, Count), as numpy's arange(0, Count·Step, Step) makes them; a pair is accepted when its distance is strictly below.</summary>
internal readonly record struct ThresholdGrid(double Step, int Count)
{
    /// <summary>The j-th threshold.</summary>
    public double this[int j] => j * Step;

    /// <summary>The first threshold index that accepts a distance, or Count when none does.</summary>
    public int FirstAccepting(double distance)
    {
        int j = (int)Math.Clamp(Math.Floor(distance / Step) + 1, 0, Count);
        while (j > 0 && distance < this[j - 1])
            j--;
        while (j < Count && !(distance < this[j]))
            j++;
        return j;
    }
}
