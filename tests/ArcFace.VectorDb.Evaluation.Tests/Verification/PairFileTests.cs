using ArcFace.VectorDb.Evaluation.Verification;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Evaluation.Tests.Verification;

public class PairFileTests
{
    [Fact]
    public void Lfw_pairs_name_images_under_the_root_as_name_slash_name_underscore_four_digits()
    {
        // Header "2 1": two folds of one same and one different pair, tabs as in the LFW file.
        using var dir = new TempDirectory();
        string file = TextFiles.Write(dir, "pairs.txt", "2\t1\nAbel_Pacheco\t1\t4\nAbdullah\t1\tAbdullah_Gul\t13\nAkhmed_Zakayev\t1\t3\nAl_Pacino\t1\tBill_Gates\t2\n");

        var pairs = LfwPairsFile.Read(file, "lfw");

        Assert.Equal(4, pairs.Count);
        Assert.Equal(new VerificationPair(Path.Combine("lfw", "Abel_Pacheco", "Abel_Pacheco_0001.jpg"), Path.Combine("lfw", "Abel_Pacheco", "Abel_Pacheco_0004.jpg"), true), pairs[0]);
        Assert.Equal(new VerificationPair(Path.Combine("lfw", "Abdullah", "Abdullah_0001.jpg"), Path.Combine("lfw", "Abdullah_Gul", "Abdullah_Gul_0013.jpg"), false), pairs[1]);
        Assert.Equal([true, false, true, false], pairs.Select(p => p.Same));
    }

    [Fact]
    public void A_single_count_header_declares_that_many_same_and_as_many_different_pairs()
    {
        using var dir = new TempDirectory();
        string file = TextFiles.Write(dir, "pairsDevTrain.txt", "1\nA 1 2\n\nA 1 B 1\n");
        Assert.Equal(2, LfwPairsFile.Read(file, "root").Count);
    }

    [Theory]
    [InlineData("1\nA 1 2\nA 1 B\n", "line 3")]
    [InlineData("1\nA 1 2\nA one B 1\n", "line 3")]
    [InlineData("1\nA 1 2\nA 1 B 0\n", "line 3")]
    [InlineData("1 2 3\n", "line 1")]
    [InlineData("x\n", "line 1")]
    [InlineData("2\nA 1 2\nA 1 B 1\n", "declares 4 pairs")]
    [InlineData("", "is empty")]
    public void A_malformed_lfw_pair_list_is_an_error_naming_file_and_line(string text, string message) =>
        TextFiles.AssertRejected("pairs.txt", text, message, file => LfwPairsFile.Read(file, "root"));

    [Fact]
    public void Csv_pairs_take_an_optional_header_and_flags_as_digits_or_words()
    {
        using var dir = new TempDirectory();
        string withHeader = TextFiles.Write(dir, "a.csv", "a,b,same\nx.jpg, y.jpg ,1\nx.jpg,z.jpg,0\n\nu.jpg,v.jpg,TRUE\nu.jpg,w.jpg,false\n");
        string without = TextFiles.Write(dir, "b.csv", "x.jpg,y.jpg,true\n");

        var pairs = PairsCsvFile.Read(withHeader);

        Assert.Equal(new VerificationPair("x.jpg", "y.jpg", true), pairs[0]);
        Assert.Equal([true, false, true, false], pairs.Select(p => p.Same));
        Assert.Equal([new VerificationPair("x.jpg", "y.jpg", true)], PairsCsvFile.Read(without));
    }

    [Theory]
    [InlineData("a,b,same\nx.jpg,y.jpg\n", "line 2")]
    [InlineData("x.jpg,y.jpg,1\nx.jpg,z.jpg,maybe\n", "line 2")]
    [InlineData("a,b,same\nx.jpg,,1\n", "line 2")]
    [InlineData("x.jpg,y.jpg,1,extra\n", "line 1")]
    public void A_malformed_csv_pair_line_is_an_error_naming_file_and_line(string text, string where) =>
        TextFiles.AssertRejected("pairs.csv", text, "pairs.csv " + where, PairsCsvFile.Read);
}
