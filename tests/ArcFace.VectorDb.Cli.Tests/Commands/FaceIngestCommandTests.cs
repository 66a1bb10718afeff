using System.Text.Json;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit.Abstractions;

namespace ArcFace.VectorDb.Cli.Tests.Commands;

/// <summary>`arcvdb ingest --photos --detector` and `arcvdb embed --detector` on raw LFW photos with the real detector and recogniser.</summary>
public class FaceIngestCommandTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_folder_of_photos_ingests_every_face_as_a_point_and_counts_the_photo_without_a_face()
    {
        if (SharedFixtures.Faces is not { } faces)
        {
            output.WriteLine(SharedFixtures.FacesAbsent);
            return;
        }
        using var dir = new TempDirectory();
        string photos = dir.File("photos");
        Directory.CreateDirectory(photos);
        foreach (string name in new[] { "0_fn_0.jpg", "1_fn_0.jpg", "12_fn_1.jpg" })
            File.Copy(Path.Combine(faces, "lfw-raw", name), Path.Combine(photos, name));
        using (var wall = new Image<Rgb24>(180, 120, new Rgb24(90, 90, 90)))
            await wall.SaveAsPngAsync(Path.Combine(photos, "wall.png"));

        var run = CliRun.Invoke("ingest", "--db", dir.File("db"), "--collection", "people", "--photos", photos, "--detector", Path.Combine(faces, "retinaface-mnet025.onnx"),
            "--model", Path.Combine(faces, "mobilefacenet-arcface-128.onnx"), "--preset", "imagenet");

        output.WriteLine(run.Output + run.Error);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("ingested: 3 of 4 images written (6 faces), 0 already present, 1 unusable (1 with no face found)", run.Output);
        Assert.Contains("faces: retinaface-mnet025.onnx sha256:", run.Error);
        await using var database = VectorDatabase.OpenReadOnly(dir.File("db"));
        var people = database.GetCollection("people");
        Assert.Equal(6, people.Count);
        Assert.StartsWith("retinaface-mnet025.onnx sha256:", people.Settings.Detector);
    }

    [Fact]
    public async Task Search_by_a_group_photo_prints_a_table_per_face_from_a_server_over_a_face_collection()
    {
        if (SharedFixtures.Faces is not { } faces)
        {
            output.WriteLine(SharedFixtures.FacesAbsent);
            return;
        }
        using var dir = new TempDirectory();
        string photos = dir.File("photos");
        Directory.CreateDirectory(photos);
        foreach (string name in new[] { "1_fn_0.jpg", "2_fp_0.jpg" })
            File.Copy(Path.Combine(faces, "lfw-raw", name), Path.Combine(photos, name));
        Assert.Equal(0, CliRun.Invoke("ingest", "--db", dir.File("db"), "--collection", "people", "--photos", photos, "--detector", Path.Combine(faces, "retinaface-mnet025.onnx"),
            "--model", Path.Combine(faces, "mobilefacenet-arcface-128.onnx"), "--preset", "imagenet").ExitCode);
        await using var server = await Server.Hosting.VectorDbServer.StartAsync(new Server.Hosting.ServerOptions { DatabasePath = dir.File("db"), Listen = "127.0.0.1:0", ModelDirectory = faces });

        var run = CliRun.Invoke("search", "--server", server.Address.ToString(), "--collection", "people", "--image", Path.Combine(faces, "lfw-raw", "12_fn_1.jpg"), "-k", "2");

        output.WriteLine(run.Output + run.Error);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(3, run.Output.Split("detection score").Length - 1); // 12_fn_1 shows three faces
        Assert.Contains("face 0 at [", run.Output);
        Assert.Contains("face 2 at [", run.Output);
    }

    [Fact]
    public void Embed_with_a_detector_prints_a_line_per_face_and_the_centre_face_alone_with_faces_center()
    {
        if (SharedFixtures.Faces is not { } faces)
        {
            output.WriteLine(SharedFixtures.FacesAbsent);
            return;
        }
        string photo = Path.Combine(faces, "lfw-raw", "12_fn_1.jpg");
        string[] options = ["--detector", Path.Combine(faces, "retinaface-mnet025.onnx"), "--model", Path.Combine(faces, "mobilefacenet-arcface-128.onnx"), "--preset", "imagenet"];

        var all = CliRun.Invoke(["embed", .. options, photo]);
        var centre = CliRun.Invoke(["embed", .. options, "--faces", "center", photo]);

        Assert.Equal((0, 0), (all.ExitCode, centre.ExitCode));
        var lines = all.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<JsonElement>(l)).ToArray();
        Assert.Equal([0, 1, 2], lines.Select(l => l.GetProperty("face").GetInt32()));
        Assert.All(lines, l => Assert.Equal(128, l.GetProperty("vector").GetArrayLength()));
        var single = JsonSerializer.Deserialize<JsonElement>(Assert.Single(centre.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal(lines[0].GetProperty("vector").ToString(), single.GetProperty("vector").ToString());
    }
}
