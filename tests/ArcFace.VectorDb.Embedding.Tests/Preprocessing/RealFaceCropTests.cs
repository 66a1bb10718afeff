using ArcFace.VectorDb.Embedding.Preprocessing;
using ArcFace.VectorDb.Testing;
using Xunit.Abstractions;

namespace ArcFace.VectorDb.Embedding.Tests.Preprocessing;

/// <summary>The 98 aligned LFW crops of ../shared/fixtures/faces through decoding and the imagenet preset.</summary>
public class RealFaceCropTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_real_aligned_crop_decodes_at_112_and_normalises_into_the_imagenet_range()
    {
        if (SharedFixtures.Faces is not { } faces)
        {
            output.WriteLine(SharedFixtures.FacesAbsent);
            return;
        }
        var files = Directory.GetFiles(Path.Combine(faces, "lfw-aligned"), "*.jpg");
        var spec = PreprocessPresets.Imagenet(112, 112);
        var tensor = new float[spec.TensorLength];

        Assert.Equal(98, files.Length);
        foreach (string file in files)
        {
            var decoded = ImageDecoding.Decode(file, new DecodeLimits());
            Assert.True(decoded.Problem is null, $"{Path.GetFileName(file)}: {decoded.Problem}");
            using var image = decoded.Image!;
            Assert.Equal((112, 112), (image.Width, image.Height));
            TensorWriter.Write(image, spec, tensor);
            Assert.All(tensor, v => Assert.InRange(v, -0.485f / 0.225f - 1e-4f, (1 - 0.406f) / 0.225f + 1e-4f));
            Assert.True(tensor.Max() - tensor.Min() > 1f, $"{Path.GetFileName(file)} came out flat");
        }
    }
}
