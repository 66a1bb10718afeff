using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Storage.Tests.Collections;

public class CollectionNamesTests
{
    [Theory]
    [InlineData("faces")]
    [InlineData("a")]
    [InlineData("Shop_2024-v1.2")]
    public void Names_of_letters_digits_dashes_underscores_and_dots_are_valid(string name) => Assert.True(CollectionNames.IsValid(name));

    [Theory]
    [InlineData("trail\n")]
    [InlineData("two\nlines")]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("../x")]
    [InlineData("a b")]
    public void A_name_with_anything_else_is_invalid_even_a_final_newline(string name) => Assert.False(CollectionNames.IsValid(name));

    [Fact]
    public void A_65_character_name_is_invalid() => Assert.False(CollectionNames.IsValid(new string('a', 65)));

    [Fact]
    public void A_long_or_hostile_name_is_shown_cut_to_64_characters_with_control_characters_escaped()
    {
        string shown = CollectionNames.Shown("x\r\n" + new string('y', 10_000));

        Assert.StartsWith("x\\u000d\\u000ay", shown, StringComparison.Ordinal);
        Assert.EndsWith("…(10003 chars)", shown, StringComparison.Ordinal);
        Assert.True(shown.Length < 150, $"{shown.Length} characters shown");
        Assert.Contains("…(10003 chars)", Assert.Throws<ArgumentException>(() => CollectionNames.Require("x\r\n" + new string('y', 10_000))).Message);
    }

    [Fact]
    public void Settings_outside_the_index_ranges_are_refused_before_anything_is_written()
    {
        Assert.Contains("efConstruction must be between 1 and 100000; got 200001",
            Assert.Throws<ArgumentException>(() => CollectionManifest.Validate(new CollectionSettings { Name = "c", Dimension = 4, EfConstruction = 200_001 })).Message);
        Assert.Contains("M must be between 2 and 2048; got 1",
            Assert.Throws<ArgumentException>(() => CollectionManifest.Validate(new CollectionSettings { Name = "c", Dimension = 4, M = 1 })).Message);
        Assert.Equal((HnswOptions.DefaultM, HnswOptions.DefaultEfConstruction), (new CollectionSettings { Name = "c", Dimension = 4 }.M, new CollectionSettings { Name = "c", Dimension = 4 }.EfConstruction));
    }
}
