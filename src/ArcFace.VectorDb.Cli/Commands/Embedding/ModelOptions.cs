using System.CommandLine;
using ArcFace.VectorDb.Embedding.Onnx;
using ArcFace.VectorDb.Embedding.Preprocessing;

namespace ArcFace.VectorDb.Cli.Commands.Embedding;

/// <summary>The options that choose a model, its preprocessing and where it runs (shared by ingest and embed).</summary>
internal sealed class ModelOptions
{
    private readonly Option<FileInfo> model = new("--model")
    {
        Description = "The ONNX model: one float input [N,3,H,W], output [N,D] or [N,D,1,1]; the default is the bundled Fashion-MNIST ArcFace model.",
        DefaultValueFactory = _ => new FileInfo(BundledAssets.Model),
    };
    private readonly Option<string?> preset = new("--preset") { Description = $"Preprocessing preset: {string.Join(", ", PreprocessPresets.Names)} (default: the one the model names in its metadata, else insightface)." };
    private readonly Option<string?> size = new("--size") { Description = "Tensor size WxH (default: the model's input size)." };
    private readonly Option<string?> resize = new("--resize") { Description = "Resize to WxH before the centre crop (default: the preset's)." };
    private readonly Option<ResizeMode?> resizeMode = new("--resize-mode") { Description = "Squash (stretch), ShorterSideCenterCrop, Pad (scale to fit, then pad), or PadToSize (centre unscaled and pad; larger images are refused) (default: the preset's)." };
    private readonly Option<int> padFill = new Option<int>("--pad-fill") { Description = "Pixel value 0..255 (every channel, before normalisation) of the padding that Pad and PadToSize add.", DefaultValueFactory = _ => 0 }.Between(0, 255);
    private readonly Option<string?> mean = new("--mean") { Description = "Per-channel mean R,G,B in the preset's units (0..255, or 0..1 for imagenet)." };
    private readonly Option<string?> std = new("--std") { Description = "Per-channel std R,G,B in the preset's units." };
    private readonly Option<ChannelOrder?> channelOrder = new("--channel-order") { Description = "Rgb or Bgr planes (default: the preset's, Rgb)." };
    private readonly Option<string> device = new("--device") { Description = "cpu, cuda or cuda:N. CUDA falls back to the CPU (said once) when it cannot load.", DefaultValueFactory = _ => "cpu" };
    private readonly Option<bool> requireGpu = new("--require-gpu") { Description = "With --device cuda: fail instead of falling back to the CPU." };
    private readonly Option<int> batch = new Option<int>("--batch") { Description = "Images per inference call (a model with a fixed batch uses its own).", DefaultValueFactory = _ => 32 }.Between(1, 4096);
    private readonly Option<int> threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads (0 = one per core).", DefaultValueFactory = _ => 0 }.AtLeast(0);
    private readonly Option<bool> flip = new("--flip") { Description = "Test-time flip: embed normalise(f(x) + f(mirror x)), as insightface evaluates." };

    /// <summary>Every option, in the order help lists them.</summary>
    public IReadOnlyList<Option> All => [model, preset, size, resize, resizeMode, padFill, mean, std, channelOrder, device, requireGpu, batch, threads, flip];

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in All)
            command.Options.Add(option);
    }

    /// <summary>The device the options ask for.</summary>
    public DeviceRequest Device(ParseResult result) => DeviceRequest.Parse(result.GetValue(device)!);

    /// <summary>Opens the embedder the options describe and says on <paramref name="log"/> what it could not honour or had to assume.</summary>
    public OnnxEmbedder Open(ParseResult result, ProgressLog log)
    {
        var embedder = Open(result);
        foreach (string? warning in new[] { embedder.FallbackReason, embedder.PresetWarning })
        {
            if (warning is not null)
                log.Line($"warning: {warning}");
        }
        return embedder;
    }

    private OnnxEmbedder Open(ParseResult result) => OnnxEmbedder.Open(
        new EmbedderOptions
        {
            ModelPath = result.GetValue(model)!.FullName, Device = Device(result), RequireGpu = result.GetValue(requireGpu),
            BatchSize = result.GetValue(batch), IntraOpThreads = result.GetValue(threads), Flip = result.GetValue(flip),
        },
        new PreprocessChoice
        {
            Preset = result.GetValue(preset), Size = Size(result.GetValue(size), "--size"), ResizeSize = Size(result.GetValue(resize), "--resize"),
            Mode = result.GetValue(resizeMode), Mean = Triple(result.GetValue(mean), "--mean"), Std = Triple(result.GetValue(std), "--std"), Order = result.GetValue(channelOrder),
            Fill = (byte)result.GetValue(padFill),
        });

    private static (int, int)? Size(string? text, string option) =>
        text is null ? null : PreprocessChoice.ParseSize(text) ?? throw new ArgumentException($"{option} '{text}' is not a size WxH such as 112x112.");

    private static float[]? Triple(string? text, string option) =>
        text is null ? null : PreprocessChoice.ParseTriple(text) ?? throw new ArgumentException($"{option} '{text}' is not three numbers R,G,B.");
}
