using System.Globalization;
using ArcFace.VectorDb.Embedding.Onnx;

namespace ArcFace.VectorDb.Embedding.Detection;

/// <summary>A detector as collections record it, "FILE sha256:HEX threshold=T det-size=S": the same model bytes at the same settings find the same faces.</summary>
public sealed record DetectorIdentity(ModelIdentity Model, float Threshold, int DetSize)
{
    private const string ThresholdMark = " threshold=";
    private const string SizeMark = " det-size=";

    /// <summary>Reads a recorded identity; null when the text is not one.</summary>
    public static DetectorIdentity? Parse(string text)
    {
        int size = text.LastIndexOf(SizeMark, StringComparison.Ordinal);
        int threshold = size < 0 ? -1 : text.LastIndexOf(ThresholdMark, size, StringComparison.Ordinal);
        if (threshold < 1)
            return null;
        bool read = float.TryParse(text.AsSpan(threshold + ThresholdMark.Length, size - threshold - ThresholdMark.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out float score)
            & int.TryParse(text.AsSpan(size + SizeMark.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int pixels);
        return read && ModelIdentity.Parse(text[..threshold]) is { } model ? new(model, score, pixels) : null;
    }

    /// <summary>
    /// Why faces found by <paramref name="used"/> do not match those a collection records as found by
    /// <paramref name="recorded"/>, naming both; null when they match, or when either is absent.
    /// </summary>
    public static string? Mismatch(string? recorded, FaceDetector? used) =>
        recorded is null || used is null || (Parse(recorded) is { } known && known.IsSameAs(used.Identity)) ? null
        : $"its faces were found by {recorded}, not {used.Description}";

    /// <summary>True when both name the same model bytes (whatever the file is called) at the same threshold and size.</summary>
    public bool IsSameAs(DetectorIdentity other) => Model.IsSameModelAs(other.Model) && Threshold == other.Threshold && DetSize == other.DetSize;

    /// <inheritdoc />
    public override string ToString() => $"{Model}{ThresholdMark}{Threshold.ToString(CultureInfo.InvariantCulture)}{SizeMark}{DetSize.ToString(CultureInfo.InvariantCulture)}";
}
