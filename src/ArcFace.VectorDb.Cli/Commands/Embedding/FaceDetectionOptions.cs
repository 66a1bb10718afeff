using System.CommandLine;
using ArcFace.VectorDb.Embedding.Detection;
using ArcFace.VectorDb.Embedding.Onnx;

namespace ArcFace.VectorDb.Cli.Commands.Embedding;

/// <summary>The options that choose a face detector and, for commands that embed faces, which of a photo's faces to keep.</summary>
internal sealed class FaceDetectionOptions
{
    private readonly Option<FileInfo?> detector = new("--detector")
    {
        Description = "A RetinaFace-format ONNX face detector: input [N,3,H,W] BGR minus (104,117,123), outputs loc [N,P,4], conf [N,P,2], landms [N,P,10].",
    };
    private readonly Option<float> threshold = new Option<float>("--det-threshold") { Description = "Face score threshold of the detector.", DefaultValueFactory = _ => 0.5f }.Between(0f, 1f);
    private readonly Option<int> size = new Option<int>("--det-size") { Description = "Longer side of the detector input: larger photos are scaled down to it (never up).", DefaultValueFactory = _ => 640 }.AtLeast(32);
    private readonly Option<string> faces;
    private readonly Option<float> minFace = new Option<float>("--min-face") { Description = "Ignore faces whose box's shorter side is under this many pixels.", DefaultValueFactory = _ => 0f }.AtLeast(0f);

    /// <summary>Creates the options; --faces accepts only its three choices and defaults to <paramref name="defaultChoice"/>.</summary>
    public FaceDetectionOptions(string defaultChoice = "all")
    {
        faces = new Option<string>("--faces") { Description = "Which detected faces of a photo to keep: all, the largest, or the one nearest the centre.", DefaultValueFactory = _ => defaultChoice };
        faces.AcceptOnlyFromAmong("all", "largest", "center");
    }

    /// <summary>Every option: --detector, --det-threshold, --det-size, --faces and --min-face.</summary>
    public IReadOnlyList<Option> All => [detector, threshold, size, faces, minFace];

    /// <summary>Adds --detector, --det-threshold and --det-size, and with <paramref name="withSelection"/> also --faces and --min-face.</summary>
    public void AddTo(Command command, bool withSelection)
    {
        foreach (var option in withSelection ? All : All.Take(3))
            command.Options.Add(option);
    }

    /// <summary>Opens the detector the options describe on <paramref name="device"/>; null when --detector was not given.</summary>
    public FaceDetector? Open(ParseResult result, DeviceRequest device = default) =>
        result.GetValue(detector) is { } file
            ? FaceDetector.Open(new DetectorOptions { ModelPath = file.FullName, Threshold = result.GetValue(threshold), DetSize = result.GetValue(size), Device = device })
            : null;

    /// <summary>Which faces --faces keeps.</summary>
    public FaceChoice Choice(ParseResult result) => result.GetValue(faces) switch
    {
        "largest" => FaceChoice.Largest,
        "center" => FaceChoice.Center,
        _ => FaceChoice.All,
    };

    /// <summary>The smallest face side --min-face keeps, in pixels.</summary>
    public float MinFace(ParseResult result) => result.GetValue(minFace);
}
