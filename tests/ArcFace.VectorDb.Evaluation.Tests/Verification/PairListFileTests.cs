using ArcFace.VectorDb.Evaluation.Verification;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Evaluation.Tests.Verification;

public class PairListFileTests
{
    [Fact]
    public void Csv_paths_resolve_against_the_csv_folder_unless_absolute()
    {
        using var dir = new TempDirectory();
        string absolute = Path.Combine(Path.GetTempPath(), "elsewhere", "b.jpg");
        string file = TextFiles.Write(dir, "pairs.csv", $"a,b,same\nx/a.jpg,{absolute},1\n");

        var pairs = PairListFile.Read(file, imageRoot: null);

        Assert.Equal([new VerificationPair(Path.Combine(dir.Path, "x", "a.jpg"), absolute, true)], pairs);
    }

    [Fact]
    public void Csv_paths_resolve_against_an_image_root_when_one_is_given()
    {
        using var dir = new TempDirectory();
        string file = TextFiles.Write(dir, "pairs.csv", "a.jpg,b.jpg,0\n");

        var pair = Assert.Single(PairListFile.Read(file, dir.File("images")));

        Assert.Equal((dir.File("images/a.jpg"), dir.File("images/b.jpg"), false), (pair.First, pair.Second, pair.Same));
    }

    [Fact]
    public void A_file_without_commas_is_read_as_lfw_under_the_image_root_which_it_requires()
    {
        using var dir = new TempDirectory();
        string file = TextFiles.Write(dir, "pairs.txt", "1 1\nAl 1 2\nAl 1 Bo 3\n");

        var pairs = PairListFile.Read(file, dir.File("lfw"));

        Assert.Equal(dir.File("lfw/Bo/Bo_0003.jpg"), pairs[1].Second);
        Assert.Contains("LFW", Assert.Throws<ArgumentException>(() => PairListFile.Read(file, imageRoot: null)).Message, StringComparison.Ordinal);
    }
}
