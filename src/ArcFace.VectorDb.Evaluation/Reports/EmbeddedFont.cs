using ScottPlot;
using SkiaSharp;

namespace ArcFace.VectorDb.Evaluation.Reports;

/// <summary>DejaVu Sans, shipped inside this assembly: Skia's Linux build here reads no fontconfig, and with no system fonts every label would vanish.</summary>
internal sealed class EmbeddedFont : IFontResolver
{
    /// <summary>The family name charts ask for.</summary>
    public const string Name = "DejaVu Sans (embedded)";

    private const string Resource = "ArcFace.VectorDb.Evaluation.Reports.DejaVuSans.ttf";

    private static readonly Lazy<byte[]> Data = new(Read);

    private static readonly Lazy<bool> Registered = new(() =>
    {
        Fonts.FontResolvers.Insert(0, new EmbeddedFont());
        return true;
    });

    private EmbeddedFont()
    {
    }

    /// <summary>Draws every label of <paramref name="plot"/> (and those added later) with the embedded font.</summary>
    public static void Apply(Plot plot)
    {
        _ = Registered.Value;
        plot.Font.Set(Name);
    }

    /// <inheritdoc />
    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) => Create(fontName);

    /// <inheritdoc />
    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) => Create(fontName);

    private static SKTypeface? Create(string fontName) =>
        fontName == Name ? SKTypeface.FromData(SKData.CreateCopy(Data.Value)) : null;

    private static byte[] Read()
    {
        using var stream = typeof(EmbeddedFont).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The assembly lacks its embedded font {Resource}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
