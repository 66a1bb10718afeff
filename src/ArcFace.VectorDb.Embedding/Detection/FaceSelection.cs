using System.Numerics;

namespace ArcFace.VectorDb.Embedding.Detection;

/// <summary>Chooses which detected faces of a photo become points, and numbers them left to right.</summary>
public static class FaceSelection
{
    /// <summary>
    /// Keeps faces whose box's shorter side is at least <paramref name="minFace"/> pixels, then all of them, the largest, or the
    /// one nearest the photo's centre; the result is ordered left to right (box left, then top), which is the face index.
    /// </summary>
    public static IReadOnlyList<DetectedFace> Select(IReadOnlyList<DetectedFace> faces, FaceChoice choice, int photoWidth, int photoHeight, float minFace = 0)
    {
        var kept = new List<DetectedFace>(faces.Count);
        foreach (var face in faces)
        {
            if (Math.Min(face.Box.Width, face.Box.Height) >= minFace)
                kept.Add(face);
        }
        if (kept.Count == 0)
            return kept;
        switch (choice)
        {
            case FaceChoice.Largest:
                return [Best(kept, face => face.Box.Area)];
            case FaceChoice.Center:
                var middle = new Vector2(photoWidth / 2f, photoHeight / 2f);
                return [Best(kept, face => -Vector2.DistanceSquared(face.Box.Center, middle))];
            case FaceChoice.All:
                kept.Sort(LeftToRight);
                return kept;
            default:
                throw new ArgumentOutOfRangeException(nameof(choice), choice, "Unknown face choice.");
        }
    }

    /// <summary>The face of highest merit; ties go to the earlier (higher-scoring) face.</summary>
    private static DetectedFace Best(List<DetectedFace> faces, Func<DetectedFace, float> merit)
    {
        var best = faces[0];
        float bestMerit = merit(best);
        for (int i = 1; i < faces.Count; i++)
        {
            float value = merit(faces[i]);
            if (value > bestMerit)
                (best, bestMerit) = (faces[i], value);
        }
        return best;
    }

    private static int LeftToRight(DetectedFace a, DetectedFace b)
    {
        int byLeft = a.Box.Left.CompareTo(b.Box.Left);
        return byLeft != 0 ? byLeft : a.Box.Top.CompareTo(b.Box.Top);
    }
}
