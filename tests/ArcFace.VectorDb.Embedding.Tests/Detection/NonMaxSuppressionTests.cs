using ArcFace.VectorDb.Embedding.Detection;
using FsCheck.Xunit;

namespace ArcFace.VectorDb.Embedding.Tests.Detection;

/// <summary>Greedy NMS at IoU 0.4: what is kept, what is dropped, and in which order.</summary>
public class NonMaxSuppressionTests
{
    [Fact]
    public void Disjoint_boxes_are_all_kept_ordered_by_score()
    {
        var kept = NonMaxSuppression.Apply([Face(0, 0, 10, 10, 0.6f), Face(20, 0, 30, 10, 0.9f), Face(40, 40, 50, 50, 0.7f)]);

        Assert.Equal([0.9f, 0.7f, 0.6f], kept.Select(f => f.Score));
    }

    [Fact]
    public void A_lower_scoring_box_overlapping_above_04_is_suppressed()
    {
        // Intersection 80, union 120: IoU 0.67.
        var kept = NonMaxSuppression.Apply([Face(2, 0, 12, 10, 0.6f), Face(0, 0, 10, 10, 0.9f)]);

        Assert.Equal(0.9f, Assert.Single(kept).Score);
    }

    [Fact]
    public void A_box_overlapping_at_exactly_04_or_less_is_kept()
    {
        // Intersection 40, union 100: IoU exactly 0.4; then 50 / 150 = 0.33.
        Assert.Equal(2, NonMaxSuppression.Apply([Face(0, 0, 10, 10, 0.9f), Face(0, 0, 4, 10, 0.8f)]).Count);
        Assert.Equal(2, NonMaxSuppression.Apply([Face(0, 0, 10, 10, 0.9f), Face(5, 0, 15, 10, 0.8f)]).Count);
        Assert.Single(NonMaxSuppression.Apply([Face(0, 0, 10, 10, 0.9f), Face(0, 0, 4.5f, 10, 0.8f)]));
    }

    [Fact]
    public void No_faces_give_no_faces()
    {
        Assert.Empty(NonMaxSuppression.Apply([]));
    }

    [Property(MaxTest = 300)]
    public bool No_two_kept_boxes_overlap_above_04_and_every_dropped_box_overlaps_a_better_kept_one(byte[] values)
    {
        var faces = new List<DetectedFace>();
        for (int i = 0; i + 5 <= values.Length; i += 5)
            faces.Add(Face(values[i] % 64, values[i + 1] % 64, values[i] % 64 + 1 + values[i + 2] % 32, values[i + 1] % 64 + 1 + values[i + 3] % 32, values[i + 4] / 255f));
        var all = faces.ToList();

        var kept = NonMaxSuppression.Apply(faces);

        bool separated = kept.All(a => kept.All(b => ReferenceEquals(a, b) || a.Box.IntersectionOverUnion(b.Box) <= 0.4f));
        bool ordered = kept.Zip(kept.Skip(1), (a, b) => a.Score >= b.Score).All(x => x);
        bool explained = all.Except(kept).All(d => kept.Any(k => k.Score >= d.Score && k.Box.IntersectionOverUnion(d.Box) > 0.4f));
        return separated && ordered && explained;
    }

    private static DetectedFace Face(float left, float top, float right, float bottom, float score) =>
        new(new FaceBox(left, top, right, bottom), score, new System.Numerics.Vector2[5]);
}
