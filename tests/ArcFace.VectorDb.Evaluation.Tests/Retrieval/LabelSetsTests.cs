using ArcFace.VectorDb.Evaluation.Retrieval;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Evaluation.Tests.Retrieval;

public class LabelSetsTests
{
    [Fact]
    public void A_shared_vocabulary_gives_query_and_gallery_labels_the_same_ids_and_duplicates_collapse()
    {
        var vocabulary = new LabelVocabulary();
        var gallery = LabelSets.FromStrings([["shirt", "red"], ["red", "red"]], vocabulary);
        var queries = LabelSets.FromStrings([["red"]], vocabulary);

        Assert.Equal(2, vocabulary.Count);
        Assert.Equal([0, 1], gallery[0].ToArray());
        Assert.Equal([1], gallery[1].ToArray());
        Assert.Equal([1], queries[0].ToArray());
        Assert.Equal(2, gallery.MaxSetSize);
    }

    [Fact]
    public void Single_labels_must_not_be_negative()
    {
        Assert.Equal(3, LabelSets.FromSingle([4, 0, 4]).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => LabelSets.FromSingle([1, -1]));
    }

    [Fact]
    public void A_label_file_holds_comma_separated_trimmed_labels_per_line()
    {
        using var dir = new TempDirectory();
        var labels = LabelFile.Read(TextFiles.Write(dir, "labels.txt", "a\nb, c\n"));
        Assert.Equal(2, labels.Count);
        Assert.Equal(["a"], labels[0]);
        Assert.Equal(["b", "c"], labels[1]);
    }

    [Theory]
    [InlineData("a\n\nb\n", "line 2")]
    [InlineData("a\nb,,c\n", "line 2")]
    [InlineData("a,\n", "line 1")]
    public void A_label_file_line_without_a_label_is_an_error_naming_file_and_line(string text, string where) =>
        TextFiles.AssertRejected("labels.txt", text, "labels.txt " + where, LabelFile.Read);
}
