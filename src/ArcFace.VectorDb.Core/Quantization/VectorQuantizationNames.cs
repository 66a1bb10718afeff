namespace ArcFace.VectorDb.Core.Quantization;

/// <summary>The names users write for a quantisation (none, int8, binary), in options, manifests and reports.</summary>
public static class VectorQuantizationNames
{
    /// <summary>Every accepted name, in order, for help texts.</summary>
    public const string All = "none|int8|binary";

    /// <summary>Lower-case name of a quantisation.</summary>
    public static string Name(this VectorQuantization kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Parses a name (any case); false when it names no quantisation.</summary>
    public static bool TryParse(string? text, out VectorQuantization kind)
    {
        foreach (var candidate in Enum.GetValues<VectorQuantization>())
        {
            if (string.Equals(text, candidate.Name(), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }
        kind = VectorQuantization.None;
        return false;
    }
}
