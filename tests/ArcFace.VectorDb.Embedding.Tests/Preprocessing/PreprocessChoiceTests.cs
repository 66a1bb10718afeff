using ArcFace.VectorDb.Embedding.Preprocessing;

namespace ArcFace.VectorDb.Embedding.Tests.Preprocessing;

/// <summary>The preprocessing line a collection records reads back into the same preprocessing.</summary>
public class PreprocessChoiceTests
{
    [Fact]
    public void A_pad_to_size_line_with_its_fill_reads_back_into_the_same_spec()
    {
        var choice = new PreprocessChoice { Preset = "insightface", Mode = ResizeMode.PadToSize, Fill = 16 };
        var spec = choice.Resolve(32, 32);
        string line = choice.Describe(spec);

        var parsed = PreprocessChoice.Parse(line + " flip=on");

        Assert.Equal("insightface size=32x32 resize=32x32 mode=PadToSize order=Rgb scale=1 mean=127.5,127.5,127.5 std=127.5,127.5,127.5 fill=16", line);
        Assert.NotNull(parsed);
        Assert.True(parsed.Value.Flip);
        Assert.Equal(line, parsed.Value.Choice.Describe(parsed.Value.Choice.Resolve(32, 32)));
    }

    [Fact]
    public void A_line_recorded_before_fills_existed_reads_as_fill_0_and_describes_as_it_was()
    {
        const string recorded = "insightface size=32x32 resize=32x32 mode=Pad order=Rgb scale=1 mean=127.5,127.5,127.5 std=127.5,127.5,127.5";

        var parsed = PreprocessChoice.Parse(recorded)!.Value.Choice;
        var spec = parsed.Resolve(32, 32);

        Assert.Equal(0, spec.Fill);
        Assert.Equal(recorded, parsed.Describe(spec));
    }
}
