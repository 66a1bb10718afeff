using ArcFace.VectorDb.Embedding.Onnx;
using ArcFace.VectorDb.Testing;

namespace ArcFace.VectorDb.Embedding.Tests.Onnx;

/// <summary>Models are the same when their bytes are: the recorded "FILE sha256:HEX" is compared by hash, never by name.</summary>
public class ModelIdentityTests
{
    private const string Hash = "3b04c3d1b1a44b1bba0fd0b5f3b8b7c6a5e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5";

    [Fact]
    public void A_byte_identical_copy_under_another_name_is_the_same_model_and_other_bytes_are_not()
    {
        using var dir = new TempDirectory();
        string original = TestModels.Path("pooled-dynamic-batch.onnx"), renamed = dir.File("renamed.onnx");
        File.Copy(original, renamed);

        var a = ModelIdentity.OfFile(original);
        var b = ModelIdentity.OfFile(renamed);
        var other = ModelIdentity.OfFile(TestModels.Path("pooled-batch-1.onnx"));

        Assert.Equal(("pooled-dynamic-batch.onnx", "renamed.onnx"), (a.FileName, b.FileName));
        Assert.True(a.IsSameModelAs(b));
        Assert.False(a.IsSameModelAs(other));
    }

    [Theory]
    [InlineData("model.onnx sha256:" + Hash, "model.onnx")]
    [InlineData("my model v2.onnx sha256:" + Hash, "my model v2.onnx")]
    public void A_recorded_identity_parses_back_to_its_file_and_hash_and_prints_as_it_was_read(string text, string file)
    {
        var parsed = ModelIdentity.Parse(text);

        Assert.Equal(new ModelIdentity(file, Hash), parsed);
        Assert.Equal(text, parsed!.ToString());
        Assert.True(parsed.IsSameModelAs(ModelIdentity.Parse("x.onnx sha256:" + Hash.ToUpperInvariant())!));
    }

    [Theory]
    [InlineData("model.onnx")]
    [InlineData("sha256:" + Hash)]
    [InlineData("model.onnx sha256:abc")]
    [InlineData("model.onnx sha256:" + Hash + "zz")]
    public void Text_that_is_not_a_file_and_a_sha256_is_not_an_identity(string text) =>
        Assert.Null(ModelIdentity.Parse(text));
}
