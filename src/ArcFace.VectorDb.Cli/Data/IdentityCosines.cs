using ArcFace.VectorDb.Core.Distance;

namespace ArcFace.VectorDb.Cli.Data;

/// <summary>Mean cosine between random pairs of vectors with the same label and with different labels (NaN where no such pair exists).</summary>
internal readonly record struct IdentityCosines(double Intra, double Inter)
{
    private const int AttemptsPerPair = 20;

    /// <summary>Measures both means on up to <paramref name="pairs"/> random pairs each, chosen by <paramref name="seed"/>.</summary>
    public static IdentityCosines Measure(LabeledVectors set, int pairs, ulong seed)
    {
        var members = new Dictionary<int, List<int>>();
        for (int i = 0; i < set.Labels.Length; i++)
        {
            if (!members.TryGetValue(set.Labels[i], out var list))
                members[set.Labels[i]] = list = [];
            list.Add(i);
        }
        var random = SeededRandom.For(seed, stream: 0, index: 0);
        return new IdentityCosines(
            MeanOverPairs(set, pairs, ref random, (ref r, i) => Partner(members[set.Labels[i]], i, ref r)),
            MeanOverPairs(set, pairs, ref random, (ref r, i) => Stranger(set.Labels, i, ref r)));
    }

    private delegate int PartnerPicker(ref SeededRandom random, int first);

    private static double MeanOverPairs(LabeledVectors set, int pairs, ref SeededRandom random, PartnerPicker partner)
    {
        double sum = 0;
        int found = 0;
        for (int attempt = 0; attempt < pairs * AttemptsPerPair && found < pairs; attempt++)
        {
            int i = random.NextInt(set.Vectors.Count);
            int j = partner(ref random, i);
            if (j < 0)
                continue;
            var a = set.Vectors.Row(i);
            var b = set.Vectors.Row(j);
            sum += DotProduct.Compute(a, b) / (L2Normalization.Norm(a) * L2Normalization.Norm(b));
            found++;
        }
        return found > 0 ? sum / found : double.NaN;
    }

    private static int Partner(List<int> group, int first, ref SeededRandom random)
    {
        if (group.Count < 2)
            return -1;
        int j = group[random.NextInt(group.Count)];
        return j == first ? -1 : j;
    }

    private static int Stranger(int[] labels, int first, ref SeededRandom random)
    {
        int j = random.NextInt(labels.Length);
        return labels[j] == labels[first] ? -1 : j;
    }
}
