namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>The rule the benchmarks' --ef lists share with --k.</summary>
internal static class EfList
{
    /// <summary>Throws when an ef of <paramref name="efs"/> is below <paramref name="k"/> (checked once defaults apply, so an omitted --k counts too).</summary>
    public static int[] AtLeastK(int[] efs, int k)
    {
        foreach (int ef in efs)
        {
            if (ef < k)
                throw new ArgumentException($"--ef {ef} is below --k {k}: a search returns at most ef results.");
        }
        return efs;
    }
}
