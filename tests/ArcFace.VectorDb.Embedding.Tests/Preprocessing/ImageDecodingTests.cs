using ArcFace.VectorDb.Embedding.Preprocessing;
using ArcFace.VectorDb.Testing;
using ArcFace.VectorDb.Testing.Images;

namespace ArcFace.VectorDb.Embedding.Tests.Preprocessing;

/// <summary>Every kind of unusable gallery file becomes a reason, never an exception; good files decode.</summary>
public class ImageDecodingTests
{
    private static readonly DecodeLimits Limits = new();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_good_png_or_jpeg_decodes_upright_at_its_size(bool png)
    {
        var decoded = ImageDecoding.Decode(GalleryFiles.Photo(png), Limits);

        Assert.Null(decoded.Problem);
        using var image = decoded.Image!;
        Assert.Equal((64, 48), (image.Width, image.Height));
    }

    [Fact]
    public void Unusable_files_each_come_back_with_their_reason()
    {
        var cases = GalleryFiles.Unusable();

        foreach (var (name, bytes, reason) in cases)
        {
            var decoded = ImageDecoding.Decode(bytes, Limits);
            Assert.True(decoded.Image is null, $"{name} decoded");
            Assert.True(decoded.Problem?.Contains(reason) == true, $"{name}: '{decoded.Problem}' does not say '{reason}'");
        }
    }

    [Fact]
    public void A_directory_is_named_as_one_with_what_is_expected_instead()
    {
        using var dir = new TempDirectory();

        var decoded = ImageDecoding.Decode(dir.Path, Limits);

        Assert.Null(decoded.Image);
        Assert.Equal("a directory, not an image file: name the image files in it (JPEG, PNG, ...)", decoded.Problem);
    }

    [Fact]
    public void A_missing_file_is_a_reason_too()
    {
        var decoded = ImageDecoding.Decode(Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.jpg"), Limits);

        Assert.Null(decoded.Image);
        Assert.StartsWith("unreadable file", decoded.Problem);
    }
}
