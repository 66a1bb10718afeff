namespace ArcFace.VectorDb.Evaluation.Verification;

/// <summary>Where the scored pairs of a verification evaluation came from, and how many could not be scored.</summary>
/// <param name="Dataset">A name for the pair list.</param>
/// <param name="PairFile">The pair list's full path.</param>
/// <param name="PairsListed">Pairs the file lists.</param>
/// <param name="PairsLeftOut">Listed pairs left out because one of their images could not be embedded.</param>
/// <param name="Images">Distinct images the pairs name.</param>
/// <param name="UnusableImages">Of those, the ones that could not be embedded.</param>
public sealed record VerificationSource(string Dataset, string PairFile, int PairsListed, int PairsLeftOut, int Images, int UnusableImages);
