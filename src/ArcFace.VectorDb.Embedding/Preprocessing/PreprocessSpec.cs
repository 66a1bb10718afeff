namespace ArcFace.VectorDb.Embedding.Preprocessing;

/// <summary>
/// How an image becomes a CHW float tensor: bring it to ResizeWidth×ResizeHeight (by <see cref="Mode"/>: scaled, or
/// padded unscaled), cut the centre Width×Height, then per channel value = (pixel·Scale − Mean) / Std, planes in <see cref="Order"/>.
/// </summary>
public sealed record PreprocessSpec
{
    /// <summary>Tensor width (the model's input width).</summary>
    public required int Width { get; init; }

    /// <summary>Tensor height.</summary>
    public required int Height { get; init; }

    /// <summary>Width the image is resized to before the centre crop (at least Width).</summary>
    public required int ResizeWidth { get; init; }

    /// <summary>Height the image is resized to before the centre crop (at least Height).</summary>
    public required int ResizeHeight { get; init; }

    /// <summary>How the image reaches the resize size.</summary>
    public ResizeMode Mode { get; init; } = ResizeMode.Squash;

    /// <summary>Pixel value (0..255, on every channel, before Scale, Mean and Std) of the padding that Pad and PadToSize add.</summary>
    public byte Fill { get; init; }

    /// <summary>Factor applied to 0..255 pixel values before the mean and std (1, or 1/255).</summary>
    public float Scale { get; init; } = 1f;

    /// <summary>Per-channel mean, in R, G, B order, in scaled units.</summary>
    public required float[] Mean { get; init; }

    /// <summary>Per-channel standard deviation, in R, G, B order, in scaled units.</summary>
    public required float[] Std { get; init; }

    /// <summary>Order of the planes in the tensor.</summary>
    public ChannelOrder Order { get; init; } = ChannelOrder.Rgb;

    /// <summary>Floats in one tensor: 3·Width·Height.</summary>
    public int TensorLength => 3 * Width * Height;

    /// <summary>Throws when the spec cannot be applied, naming the field.</summary>
    public void Validate()
    {
        if (Width < 1 || Height < 1 || ResizeWidth < Width || ResizeHeight < Height)
            throw new ArgumentException($"Preprocessing size {Width}×{Height} after resizing to {ResizeWidth}×{ResizeHeight} is not possible: the resize must be at least the tensor size.");
        if (Mean.Length != 3 || Std.Length != 3 || Std.Any(s => !(s > 0)))
            throw new ArgumentException("Preprocessing needs 3 means and 3 positive standard deviations.");
        if (Fill != 0 && Mode is not (ResizeMode.Pad or ResizeMode.PadToSize))
            throw new ArgumentException($"A pad fill ({Fill}) only applies to resize mode Pad or PadToSize, not {Mode}.");
    }

    /// <summary>Why an image of <paramref name="width"/>×<paramref name="height"/> cannot be preprocessed this way, or null when it can.</summary>
    public string? SizeProblem(int width, int height) =>
        Mode == ResizeMode.PadToSize && (width > ResizeWidth || height > ResizeHeight)
            ? $"too large for resize mode PadToSize: {width}×{height} does not fit the {ResizeWidth}×{ResizeHeight} input unscaled (choose another resize mode to scale it)"
            : null;
}
