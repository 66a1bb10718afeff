using System.Numerics;

namespace ArcFace.VectorDb.Embedding.Detection;

/// <summary>
/// Turns one image's raw RetinaFace rows into faces in detector-input pixels: box centre = prior centre + loc[0..2]·0.1·prior
/// size, box size = prior size·exp(loc[2..4]·0.2), landmark = prior centre + landms·0.1·prior size.
/// </summary>
internal static class RetinaFaceDecoding
{
    /// <summary>The variance applied to centre and landmark offsets.</summary>
    public const float CenterVariance = 0.1f;

    /// <summary>The variance applied to the log size offsets.</summary>
    public const float SizeVariance = 0.2f;

    /// <summary>Landmarks per face.</summary>
    public const int LandmarkCount = 5;

    /// <summary>
    /// Appends to <paramref name="faces"/> every prior whose face score (conf column 1) is at least <paramref name="threshold"/>,
    /// decoded and scaled to a width×height input; unsorted, not suppressed.
    /// </summary>
    public static void Decode(ReadOnlySpan<PriorBox> priors, ReadOnlySpan<float> loc, ReadOnlySpan<float> conf, ReadOnlySpan<float> landms,
        int width, int height, float threshold, List<DetectedFace> faces)
    {
        if (loc.Length < priors.Length * 4 || conf.Length < priors.Length * 2 || landms.Length < priors.Length * 2 * LandmarkCount)
            throw new ArgumentException($"{priors.Length} priors need {priors.Length * 4} loc, {priors.Length * 2} conf and {priors.Length * 10} landms values.");
        for (int p = 0; p < priors.Length; p++)
        {
            float score = conf[2 * p + 1];
            if (!(score >= threshold))
                continue;
            var prior = priors[p];
            var offsets = loc.Slice(4 * p, 4);
            float centerX = prior.CenterX + offsets[0] * CenterVariance * prior.Width;
            float centerY = prior.CenterY + offsets[1] * CenterVariance * prior.Height;
            float halfWidth = prior.Width * MathF.Exp(offsets[2] * SizeVariance) / 2;
            float halfHeight = prior.Height * MathF.Exp(offsets[3] * SizeVariance) / 2;
            var box = new FaceBox((centerX - halfWidth) * width, (centerY - halfHeight) * height, (centerX + halfWidth) * width, (centerY + halfHeight) * height);
            var points = landms.Slice(2 * LandmarkCount * p, 2 * LandmarkCount);
            var landmarks = new Vector2[LandmarkCount];
            for (int i = 0; i < LandmarkCount; i++)
            {
                landmarks[i] = new Vector2(
                    (prior.CenterX + points[2 * i] * CenterVariance * prior.Width) * width,
                    (prior.CenterY + points[2 * i + 1] * CenterVariance * prior.Height) * height);
            }
            faces.Add(new DetectedFace(box, score, landmarks));
        }
    }
}
