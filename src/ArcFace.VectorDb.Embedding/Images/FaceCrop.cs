using System.Globalization;
using ArcFace.VectorDb.Embedding.Detection;

namespace ArcFace.VectorDb.Embedding.Images;

/// <summary>A face a point was cut from: its place in the photo (left to right) and what the detector found.</summary>
public sealed record FaceCrop(int Index, DetectedFace Detected)
{
    /// <summary>The point's attributes: face index, box "left,top,right,bottom", landmarks "x,y x,y …" (photo pixels, 0.1 px) and detection score.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Attributes()
    {
        var box = Detected.Box;
        return
        [
            new("face", Index.ToString(CultureInfo.InvariantCulture)),
            new("box", string.Join(',', Number(box.Left), Number(box.Top), Number(box.Right), Number(box.Bottom))),
            new("landmarks", string.Join(' ', Detected.Landmarks.Select(point => $"{Number(point.X)},{Number(point.Y)}"))),
            new("det_score", Detected.Score.ToString("F4", CultureInfo.InvariantCulture)),
        ];
    }

    private static string Number(float value) => value.ToString("F1", CultureInfo.InvariantCulture);
}
