namespace ArcFace.VectorDb.Embedding.Detection;

/// <summary>Greedy non-maximum suppression: the best-scoring face wins, and any face overlapping a winner too much is dropped.</summary>
internal static class NonMaxSuppression
{
    /// <summary>The IoU above which RetinaFace drops the lower-scoring of two faces.</summary>
    public const float RetinaFaceIou = 0.4f;

    /// <summary>
    /// Sorts <paramref name="faces"/> by score, descending (in place), and returns those whose box overlaps no better-scoring kept
    /// box by an IoU above <paramref name="maxIou"/>, in that order.
    /// </summary>
    public static List<DetectedFace> Apply(List<DetectedFace> faces, float maxIou = RetinaFaceIou)
    {
        faces.Sort(ByScoreDescending);
        var kept = new List<DetectedFace>();
        foreach (var face in faces)
        {
            bool overlaps = false;
            foreach (var winner in kept)
            {
                if (winner.Box.IntersectionOverUnion(face.Box) > maxIou)
                {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps)
                kept.Add(face);
        }
        return kept;
    }

    private static int ByScoreDescending(DetectedFace a, DetectedFace b) => b.Score.CompareTo(a.Score);
}
