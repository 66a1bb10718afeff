using System.Numerics.Tensors;
using ArcFace.VectorDb.Core.Distance;
using ArcFace.VectorDb.Core.Formats;

namespace ArcFace.VectorDb.Cli.Data;

/// <summary>Fashion-MNIST from the Debian package dataset-fashion-mnist: 60k train images as the base set, 10k test images as queries.</summary>
internal static class FashionMnistDataset
{
    /// <summary>Where the Debian package installs the files.</summary>
    public const string DefaultSource = "/usr/share/datasets/fashion-mnist";

    private static readonly string[] FileNames =
        ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"];

    /// <summary>Whether all four idx files are in <paramref name="source"/>.</summary>
    public static bool IsInstalled(string source) => Array.TrueForAll(FileNames, f => File.Exists(Path.Combine(source, f)));

    /// <summary>Loads both splits as 784-d vectors (pixels / 255, then L2-normalised) labelled with their class (0..9).</summary>
    public static BenchDataset Load(string source)
    {
        if (!IsInstalled(source))
        {
            var missing = Array.FindAll(FileNames, f => !File.Exists(Path.Combine(source, f)));
            throw new DatasetException(
                $"Fashion-MNIST is not in {source} (missing {string.Join(", ", missing)}). Install it with `apt-get install dataset-fashion-mnist`, or pass --source with the folder that holds the idx .gz files.");
        }
        var train = LoadSplit(source, "train");
        var test = LoadSplit(source, "t10k");
        if (train.Vectors.Dimension != test.Vectors.Dimension)
            throw new DatasetException($"{source}: train images have {train.Vectors.Dimension} pixels but test images have {test.Vectors.Dimension}.");
        return new BenchDataset(train, test);
    }

    /// <summary>The raw images (count × height × width bytes) and labels of a split ("train" or "t10k"), checked to be as many.</summary>
    public static (IdxArray Images, IdxArray Labels) ReadSplit(string source, string split)
    {
        string imagesPath = Path.Combine(source, $"{split}-images-idx3-ubyte.gz");
        string labelsPath = Path.Combine(source, $"{split}-labels-idx1-ubyte.gz");
        var images = IdxFile.ReadGz(imagesPath, dimensions: 3);
        var labels = IdxFile.ReadGz(labelsPath, dimensions: 1);
        if (labels.Shape[0] != images.Shape[0])
            throw new DatasetException($"{imagesPath} holds {images.Shape[0]} images but {labelsPath} holds {labels.Shape[0]} labels.");
        return (images, labels);
    }

    private static LabeledVectors LoadSplit(string source, string split)
    {
        var (images, labels) = ReadSplit(source, split);
        int count = images.Shape[0];
        int pixels = images.Shape[1] * images.Shape[2];
        var data = new float[images.Data.Length];
        TensorPrimitives.ConvertTruncating<byte, float>(images.Data, data);
        TensorPrimitives.Multiply(data, 1f / 255f, data);
        for (int i = 0; i < count; i++)
            L2Normalization.Normalize(data.AsSpan(i * pixels, pixels));
        return new LabeledVectors(new VectorSet(data, pixels), Array.ConvertAll(labels.Data, b => (int)b));
    }
}
