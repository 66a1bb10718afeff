using System.CommandLine;
using System.Text.Json;
using ArcFace.VectorDb.Embedding.Detection;
using ArcFace.VectorDb.Embedding.Preprocessing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ArcFace.VectorDb.Cli.Commands.Embedding;

/// <summary>`arcvdb detect`: print the faces a detector finds in photos, one JSON line per photo, and optionally draw them.</summary>
internal static class DetectCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var detection = new FaceDetectionOptions();
        var photos = new Argument<FileInfo[]>("photos") { Description = "Photo files to search for faces.", Arity = ArgumentArity.OneOrMore };
        var draw = new Option<DirectoryInfo?>("--draw") { Description = "Also write DIR/<photo name>.png: the photo with each box outlined and its five landmarks dotted." };
        var command = new Command("detect", "Print the faces found in each photo as a JSON line {path, width, height, faces: [{box, score, landmarks}]} (unusable files are named on stderr and make the exit code 1).")
        {
            photos, draw,
        };
        detection.AddTo(command, withSelection: false);
        command.SetAction(result => UserErrors.Run(result, log =>
        {
            using var detector = detection.Open(result) ?? throw new ArgumentException("--detector is required: name a RetinaFace-format ONNX face detector.");
            log.Line($"detector: {detector.Description} on {detector.Provider}");
            if (detector.FallbackReason is { } reason)
                log.Line($"warning: {reason}");
            var folder = result.GetValue(draw);
            folder?.Create();
            var output = result.InvocationConfiguration.Output;
            int failed = 0;
            foreach (var chunk in result.GetValue(photos)!.Chunk(detector.BatchSize))
            {
                var decoded = new List<(FileInfo File, Image<Rgb24> Photo)>();
                foreach (var file in chunk)
                {
                    var image = ImageDecoding.Decode(file.FullName, new DecodeLimits());
                    if (image.Image is { } photo)
                        decoded.Add((file, photo));
                    else
                    {
                        log.Line($"{file.FullName}: {image.Problem}");
                        failed++;
                    }
                }
                var found = detector.Detect(decoded.Select(d => d.Photo).ToArray());
                for (int i = 0; i < decoded.Count; i++)
                {
                    var (file, photo) = decoded[i];
                    output.WriteLine(JsonSerializer.Serialize(PhotoLine(file.FullName, photo, found[i])));
                    if (folder is not null)
                    {
                        FaceDrawing.Draw(photo, found[i]);
                        photo.SaveAsPng(Path.Combine(folder.FullName, Path.GetFileNameWithoutExtension(file.Name) + ".png"));
                    }
                    photo.Dispose();
                }
            }
            return failed == 0 ? 0 : 1;
        }));
        return command;
    }

    /// <summary>The JSON object of one photo: coordinates rounded to 0.1 px, scores to 4 decimals.</summary>
    private static object PhotoLine(string path, Image<Rgb24> photo, IReadOnlyList<DetectedFace> faces) => new
    {
        path,
        width = photo.Width,
        height = photo.Height,
        faces = faces.Select(face => new
        {
            box = new[] { Pixel(face.Box.Left), Pixel(face.Box.Top), Pixel(face.Box.Right), Pixel(face.Box.Bottom) },
            score = Math.Round(face.Score, 4),
            landmarks = face.Landmarks.Select(p => new[] { Pixel(p.X), Pixel(p.Y) }),
        }),
    };

    private static double Pixel(float value) => Math.Round(value, 1);
}
