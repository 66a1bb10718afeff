using System.Numerics;
using ArcFace.VectorDb.Embedding.Detection;

namespace ArcFace.VectorDb.Embedding.Tests.Detection;

/// <summary>Which faces FaceSelection keeps, and the left-to-right order that numbers them.</summary>
public class FaceSelectionTests
{
    // Sorted by score, as the detector gives them: a small face right of centre, a large one on the left, one at the centre.
    private static readonly DetectedFace[] Faces = [Face(300, 90, 330, 120, 0.99f), Face(10, 40, 110, 140, 0.95f), Face(180, 80, 230, 130, 0.9f)];

    [Fact]
    public void All_keeps_every_face_ordered_left_to_right()
    {
        var all = FaceSelection.Select(Faces, FaceChoice.All, 400, 200);

        Assert.Equal([10f, 180f, 300f], all.Select(f => f.Box.Left));
    }

    [Fact]
    public void Faces_with_equal_left_edges_are_ordered_top_to_bottom()
    {
        var all = FaceSelection.Select([Face(10, 100, 40, 130, 0.9f), Face(10, 20, 40, 50, 0.8f)], FaceChoice.All, 100, 200);

        Assert.Equal([20f, 100f], all.Select(f => f.Box.Top));
    }

    [Fact]
    public void Largest_keeps_the_face_of_largest_box_area()
    {
        Assert.Equal(10f, Assert.Single(FaceSelection.Select(Faces, FaceChoice.Largest, 400, 200)).Box.Left);
    }

    [Fact]
    public void Center_keeps_the_face_whose_box_centre_is_nearest_the_photo_centre()
    {
        Assert.Equal(180f, Assert.Single(FaceSelection.Select(Faces, FaceChoice.Center, 400, 200)).Box.Left);
    }

    [Fact]
    public void Min_face_drops_faces_whose_shorter_side_is_smaller_before_choosing()
    {
        Assert.Equal([10f, 180f], FaceSelection.Select(Faces, FaceChoice.All, 400, 200, minFace: 50).Select(f => f.Box.Left));
        Assert.Equal(10f, Assert.Single(FaceSelection.Select(Faces, FaceChoice.Center, 400, 200, minFace: 60)).Box.Left);
        Assert.Empty(FaceSelection.Select(Faces, FaceChoice.Largest, 400, 200, minFace: 101));
    }

    [Fact]
    public void No_faces_select_nothing_whatever_the_choice()
    {
        foreach (var choice in Enum.GetValues<FaceChoice>())
            Assert.Empty(FaceSelection.Select([], choice, 100, 100));
    }

    private static DetectedFace Face(float left, float top, float right, float bottom, float score) =>
        new(new FaceBox(left, top, right, bottom), score, new Vector2[5]);
}
