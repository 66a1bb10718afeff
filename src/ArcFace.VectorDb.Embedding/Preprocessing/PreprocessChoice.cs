using System.Globalization;

namespace ArcFace.VectorDb.Embedding.Preprocessing;

/// <summary>A preset by name with explicit overrides of any part; resolved against the model's declared input size.</summary>
public sealed record PreprocessChoice
{
    /// <summary>Preset name (see <see cref="PreprocessPresets.Names"/>); null lets the model's metadata decide.</summary>
    public string? Preset { get; init; }

    /// <summary>Tensor size override (width, height); otherwise the model's, or the preset's for a model with dynamic size.</summary>
    public (int Width, int Height)? Size { get; init; }

    /// <summary>Resize size before the centre crop; otherwise the preset's (or the tensor size).</summary>
    public (int Width, int Height)? ResizeSize { get; init; }

    /// <summary>Resize mode override.</summary>
    public ResizeMode? Mode { get; init; }

    /// <summary>Per-channel mean override (R, G, B, in the preset's units).</summary>
    public float[]? Mean { get; init; }

    /// <summary>Per-channel std override (R, G, B, in the preset's units).</summary>
    public float[]? Std { get; init; }

    /// <summary>Channel order override.</summary>
    public ChannelOrder? Order { get; init; }

    /// <summary>The spec for a model whose input is <paramref name="modelWidth"/>×<paramref name="modelHeight"/> (null when dynamic).</summary>
    public PreprocessSpec Resolve(int? modelWidth, int? modelHeight)
    {
        var (width, height) = Size ?? (modelWidth is { } w && modelHeight is { } h ? (w, h) : DefaultSize());
        var preset = PreprocessPresets.ByName(Preset ?? "insightface", width, height);
        bool presetCrops = preset.ResizeWidth != preset.Width || preset.ResizeHeight != preset.Height;
        if (Size is { } size && presetCrops && ResizeSize is null)
            preset = preset with { Width = size.Width, Height = size.Height, ResizeWidth = Scale(size.Width, preset.ResizeWidth, preset.Width), ResizeHeight = Scale(size.Height, preset.ResizeHeight, preset.Height) };
        var spec = preset with
        {
            ResizeWidth = ResizeSize?.Width ?? preset.ResizeWidth,
            ResizeHeight = ResizeSize?.Height ?? preset.ResizeHeight,
            Mode = Mode ?? preset.Mode,
            Mean = Mean ?? preset.Mean,
            Std = Std ?? preset.Std,
            Order = Order ?? preset.Order,
        };
        spec.Validate();
        if (modelWidth is { } mw && modelHeight is { } mh && (spec.Width != mw || spec.Height != mh))
            throw new ArgumentException($"The model takes {mw}×{mh} images but preset '{Preset}' makes {spec.Width}×{spec.Height}; pass --size {mw}x{mh} (or use the model's preset).");
        return spec;
    }

    /// <summary>One line naming every part of a resolved spec, kept in a collection's manifest.</summary>
    public string Describe(PreprocessSpec spec) => string.Create(CultureInfo.InvariantCulture,
        $"{Preset} size={spec.Width}x{spec.Height} resize={spec.ResizeWidth}x{spec.ResizeHeight} mode={spec.Mode} order={spec.Order} scale={spec.Scale:R} mean={string.Join(',', spec.Mean)} std={string.Join(',', spec.Std)}");

    private (int, int) DefaultSize() => Preset switch
    {
        "imagenet" => (224, 224),
        _ => (112, 112),
    };

    private static int Scale(int size, int presetResize, int presetSize) => (int)Math.Round(size * (double)presetResize / presetSize);
}
