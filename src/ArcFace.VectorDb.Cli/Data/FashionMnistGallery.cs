using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace ArcFace.VectorDb.Cli.Data;

/// <summary>Fashion-MNIST images as PNG files in ROOT/&lt;class&gt;/ folders: an image gallery made from the Debian package.</summary>
internal static class FashionMnistGallery
{
    /// <summary>The ten class names, by label (folder names: no spaces or slashes).</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt_top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle_boot"];

    /// <summary>
    /// Writes the first <paramref name="perClass"/> images of each class of a split ("train" or "t10k"), in file order, as
    /// &lt;class&gt;/&lt;split&gt;-&lt;index&gt;.png (index = position in the split), plus a NOTICE.md; returns how many were written.
    /// </summary>
    public static int Write(string source, string split, int perClass, string outputFolder)
    {
        if (!File.Exists(Path.Combine(source, $"{split}-images-idx3-ubyte.gz")) || !File.Exists(Path.Combine(source, $"{split}-labels-idx1-ubyte.gz")))
            throw new DatasetException($"Fashion-MNIST split '{split}' is not in {source}. Install it with `apt-get install dataset-fashion-mnist`, or pass --source.");
        var (images, labels) = FashionMnistDataset.ReadSplit(source, split);
        int height = images.Shape[1], width = images.Shape[2], pixels = width * height;
        var written = new int[ClassNames.Count];
        var encoder = new PngEncoder { ColorType = PngColorType.Grayscale, BitDepth = PngBitDepth.Bit8 };
        foreach (string name in ClassNames)
            Directory.CreateDirectory(Path.Combine(outputFolder, name));
        for (int i = 0; i < labels.Shape[0] && written.Any(n => n < perClass); i++)
        {
            int label = labels.Data[i];
            if (written[label] >= perClass)
                continue;
            using var image = Image.LoadPixelData<L8>(images.Data.AsSpan(i * pixels, pixels), width, height);
            image.Save(Path.Combine(outputFolder, ClassNames[label], $"{split}-{i:D5}.png"), encoder);
            written[label]++;
        }
        File.WriteAllText(Path.Combine(outputFolder, "NOTICE.md"), Notice(split, perClass));
        return written.Sum();
    }

    private static string Notice(string split, int perClass) => $"""
        # Fashion-MNIST sample gallery

        The first {perClass} images of each class of the Fashion-MNIST `{split}` split, in file order, written as 28×28 grey
        PNG files into one folder per class by `arcvdb make-gallery fashion-mnist` from Debian's `dataset-fashion-mnist`.
        A file's name is its position in the split.

        Fashion-MNIST: Copyright (c) 2017 Zalando SE, https://tech.zalando.com — https://github.com/zalandoresearch/fashion-mnist

        The MIT License (MIT)

        Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
        documentation files (the "Software"), to deal in the Software without restriction, including without limitation
        the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to
        permit persons to whom the Software is furnished to do so, subject to the following conditions:

        The above copyright notice and this permission notice shall be included in all copies or substantial portions of
        the Software.

        THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE
        WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
        COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
        OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.

        """;
}
