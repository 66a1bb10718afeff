using System.Text.Json;
using ArcFace.VectorDb.Testing;
using SixLabors.ImageSharp;
using Xunit.Abstractions;

namespace ArcFace.VectorDb.Cli.Tests.Commands;

/// <summary>`arcvdb detect` with the real RetinaFace detector of ../shared/fixtures/faces on raw LFW photos.</summary>
public class DetectCommandTests(ITestOutputHelper output)
{
    private static readonly string[] Photos = ["0_fn_0.jpg", "3_fn_0.jpg", "5_fp_1.jpg"];

    [Fact]
    public void Three_photos_and_a_corrupt_file_print_three_json_lines_with_faces_draw_three_pngs_and_exit_1_naming_the_corrupt_file()
    {
        if (SharedFixtures.Faces is not { } faces)
        {
            output.WriteLine(SharedFixtures.FacesAbsent);
            return;
        }
        using var dir = new TempDirectory();
        string corrupt = dir.File("corrupt.jpg");
        File.WriteAllBytes(corrupt, [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5, 6, 7, 8]);
        var photos = Photos.Select(p => Path.Combine(faces, "lfw-raw", p)).ToArray();
        string drawn = dir.File("drawn");

        var run = CliRun.Invoke(["detect", "--detector", Path.Combine(faces, "retinaface-mnet025.onnx"), "--draw", drawn, photos[0], corrupt, photos[1], photos[2]]);

        output.WriteLine(run.Output + run.Error);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{corrupt}: ", run.Error);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<JsonElement>(l)).ToArray();
        Assert.Equal(photos, lines.Select(l => l.GetProperty("path").GetString()));
        foreach (var line in lines)
        {
            Assert.Equal((250, 250), (line.GetProperty("width").GetInt32(), line.GetProperty("height").GetInt32()));
            var found = line.GetProperty("faces").EnumerateArray().ToArray();
            Assert.NotEmpty(found);
            Assert.All(found, face =>
            {
                Assert.Equal(4, face.GetProperty("box").GetArrayLength());
                Assert.InRange(face.GetProperty("score").GetDouble(), 0.5, 1);
                Assert.Equal(5, face.GetProperty("landmarks").GetArrayLength());
                Assert.All(face.GetProperty("landmarks").EnumerateArray(), p => Assert.Equal(2, p.GetArrayLength()));
            });
        }
        Assert.Equal(Photos.Select(p => Path.ChangeExtension(p, ".png")).Order(StringComparer.Ordinal), Directory.GetFiles(drawn).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (string png in Directory.GetFiles(drawn))
        {
            var info = Image.Identify(png);
            Assert.Equal((250, 250), (info.Width, info.Height));
        }
    }

    [Fact]
    public void Detect_without_a_detector_is_one_error_line_and_exit_1()
    {
        var run = CliRun.Invoke("detect", "photo.jpg");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: --detector is required: name a RetinaFace-format ONNX face detector.", run.Error.Trim());
    }
}
