using System.Globalization;

namespace ArcFace.VectorDb.Embedding.Preprocessing;

/// <summary>A preset by name with explicit overrides of any part; resolved against the model's declared input size.</summary>
public sealed record PreprocessChoice
{
    /// <summary>The preset assumed when neither the caller nor the model names one.</summary>
    public const string AssumedPreset = "insightface";

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

    /// <summary>Pad fill override (a 0..255 pixel value on every channel).</summary>
    public byte? Fill { get; init; }

    /// <summary>The spec for a model whose input is <paramref name="modelWidth"/>×<paramref name="modelHeight"/> (null when dynamic).</summary>
    public PreprocessSpec Resolve(int? modelWidth, int? modelHeight)
    {
        var (width, height) = Size ?? (modelWidth is { } w && modelHeight is { } h ? (w, h) : DefaultSize());
        var preset = PreprocessPresets.ByName(Preset ?? AssumedPreset, width, height);
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
            Fill = Fill ?? preset.Fill,
        };
        spec.Validate();
        if (modelWidth is { } mw && modelHeight is { } mh && (spec.Width != mw || spec.Height != mh))
            throw new ArgumentException($"The model takes {mw}×{mh} images but preset '{Preset}' makes {spec.Width}×{spec.Height}; pass --size {mw}x{mh} (or use the model's preset).");
        return spec;
    }

    /// <summary>One line naming every part of a resolved spec, kept in a collection's manifest (a fill only when not 0, so older lines still match).</summary>
    public string Describe(PreprocessSpec spec) => string.Create(CultureInfo.InvariantCulture,
        $"{Preset} size={spec.Width}x{spec.Height} resize={spec.ResizeWidth}x{spec.ResizeHeight} mode={spec.Mode} order={spec.Order} scale={spec.Scale:R} mean={string.Join(',', spec.Mean)} std={string.Join(',', spec.Std)}")
        + (spec.Fill != 0 ? string.Create(CultureInfo.InvariantCulture, $" fill={spec.Fill}") : "");

    /// <summary>
    /// The choice (and the flip) a <see cref="Describe"/> line records, so a collection's images can be embedded again
    /// exactly as they were at ingest; null when the line is not one.
    /// </summary>
    public static (PreprocessChoice Choice, bool Flip)? Parse(string description)
    {
        var parts = description.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 8)
            return null;
        var fields = parts.Skip(1).Select(p => p.Split('=', 2)).Where(kv => kv.Length == 2).ToDictionary(kv => kv[0], kv => kv[1]);
        if (!fields.TryGetValue("size", out var size) || !fields.TryGetValue("resize", out var resize) || !fields.TryGetValue("mode", out var mode)
            || !fields.TryGetValue("order", out var order) || !fields.TryGetValue("mean", out var mean) || !fields.TryGetValue("std", out var std)
            || !Enum.TryParse<ResizeMode>(mode, out var resizeMode) || !Enum.TryParse<ChannelOrder>(order, out var channelOrder)
            || ParseSize(size) is not { } tensorSize || ParseSize(resize) is not { } resizeSize || ParseTriple(mean) is not { } means || ParseTriple(std) is not { } stds
            || !byte.TryParse(fields.GetValueOrDefault("fill", "0"), NumberStyles.None, CultureInfo.InvariantCulture, out byte fill))
            return null;
        var choice = new PreprocessChoice { Preset = parts[0], Size = tensorSize, ResizeSize = resizeSize, Mode = resizeMode, Order = channelOrder, Mean = means, Std = stds, Fill = fill };
        return (choice, fields.GetValueOrDefault("flip") == "on");
    }

    /// <summary>A size written "WxH" (both positive), or null.</summary>
    public static (int Width, int Height)? ParseSize(string text)
    {
        var wh = text.ToLowerInvariant().Split('x');
        return wh.Length == 2 && int.TryParse(wh[0], NumberStyles.None, CultureInfo.InvariantCulture, out int w) && int.TryParse(wh[1], NumberStyles.None, CultureInfo.InvariantCulture, out int h)
            && w > 0 && h > 0 ? (w, h) : null;
    }

    /// <summary>Three finite numbers written "a,b,c" (per-channel R, G, B), or null.</summary>
    public static float[]? ParseTriple(string text)
    {
        var values = text.Split(',', StringSplitOptions.TrimEntries);
        var parsed = new float[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.TryParse(values[i], NumberStyles.Float, CultureInfo.InvariantCulture, out parsed[i]) || !float.IsFinite(parsed[i]))
                return null;
        }
        return parsed.Length == 3 ? parsed : null;
    }

    private (int, int) DefaultSize() => Preset switch
    {
        "imagenet" => (224, 224),
        _ => (112, 112),
    };

    private static int Scale(int size, int presetResize, int presetSize) => (int)Math.Round(size * (double)presetResize / presetSize);
}
