using System.Numerics;
using ArcFace.VectorDb.Embedding.Detection;

namespace ArcFace.VectorDb.Embedding.Tests.Detection;

/// <summary>Decoding of hand-made loc/conf/landms rows against boxes and landmarks worked out by hand.</summary>
public class RetinaFaceDecodingTests
{
    // A 100×50 input; the prior is centred, 0.2 of the width and 0.4 of the height: 20×20 pixels around (50, 25).
    private static readonly PriorBox[] Prior = [new(0.5f, 0.5f, 0.2f, 0.4f)];

    [Fact]
    public void Zero_offsets_decode_to_the_prior_itself_with_every_landmark_at_its_centre()
    {
        var faces = Decode(loc: [0, 0, 0, 0], landms: new float[10], score: 0.9f);

        var face = Assert.Single(faces);
        Assert.Equal(0.9f, face.Score);
        AssertBox(new FaceBox(40, 15, 60, 35), face.Box);
        Assert.All(face.Landmarks, p => AssertPoint(new Vector2(50, 25), p));
    }

    [Fact]
    public void Known_offsets_move_the_centre_by_a_tenth_of_the_prior_and_scale_the_size_by_exp_of_a_fifth()
    {
        // centre x 0.5 + 1·0.1·0.2 = 0.52 → 52 px; y 0.5 − 1·0.1·0.4 = 0.46 → 23 px; width 0.2·exp(0.2·5 ln 2) = 0.4 → 40 px; height 20 px.
        float doubling = 5 * MathF.Log(2);
        var faces = Decode(loc: [1, -1, doubling, 0], landms: [2, 1, -2, 1, 0, 0, 1, -1, 0, 2], score: 0.7f);

        var face = Assert.Single(faces);
        AssertBox(new FaceBox(32, 13, 72, 33), face.Box);
        // landmark = centre + offset·0.1·prior size: x moves 2 px per unit, y 2 px per unit.
        Vector2[] expected = [new(54, 27), new(46, 27), new(50, 25), new(52, 23), new(50, 29)];
        for (int i = 0; i < 5; i++)
            AssertPoint(expected[i], face.Landmarks[i]);
    }

    [Fact]
    public void Priors_scoring_under_the_threshold_are_dropped()
    {
        Assert.Empty(Decode(loc: [0, 0, 0, 0], landms: new float[10], score: 0.49f));
        Assert.Single(Decode(loc: [0, 0, 0, 0], landms: new float[10], score: 0.5f));
    }

    private static List<DetectedFace> Decode(float[] loc, float[] landms, float score)
    {
        var faces = new List<DetectedFace>();
        RetinaFaceDecoding.Decode(Prior, loc, [1 - score, score], landms, 100, 50, threshold: 0.5f, faces);
        return faces;
    }

    private static void AssertBox(FaceBox expected, FaceBox actual)
    {
        Assert.Equal(expected.Left, actual.Left, 3);
        Assert.Equal(expected.Top, actual.Top, 3);
        Assert.Equal(expected.Right, actual.Right, 3);
        Assert.Equal(expected.Bottom, actual.Bottom, 3);
    }

    private static void AssertPoint(Vector2 expected, Vector2 actual)
    {
        Assert.Equal(expected.X, actual.X, 3);
        Assert.Equal(expected.Y, actual.Y, 3);
    }
}
