using ArcFace.VectorDb.Testing;
using Xunit.Abstractions;

namespace ArcFace.VectorDb.Cli.Tests.Commands;

/// <summary>What the CLI says on stderr about the model it opens: each thing it assumed or could not honour, once.</summary>
public class ModelWarningTests(ITestOutputHelper output)
{
    [Fact]
    public void A_model_naming_no_preset_warns_once_which_preset_is_assumed_and_a_chosen_or_declared_preset_does_not()
    {
        if (SharedFixtures.Faces is not { } faces)
        {
            output.WriteLine(SharedFixtures.FacesAbsent);
            return;
        }
        string model = Path.Combine(faces, "mobilefacenet-arcface-128.onnx");
        string crop = Path.Combine(faces, "lfw-aligned", "0_fn_0_aligned.jpg");

        var assumed = CliRun.Invoke("embed", "--model", model, crop);
        var chosen = CliRun.Invoke("embed", "--model", model, "--preset", "imagenet", crop);
        var declared = CliRun.Invoke("embed", IngestCommandTests.SampleImage());

        output.WriteLine(assumed.Error);
        Assert.Equal((0, 0, 0), (assumed.ExitCode, chosen.ExitCode, declared.ExitCode));
        var warnings = Lines(assumed.Error).Where(l => l.StartsWith("warning:", StringComparison.Ordinal)).ToArray();
        Assert.Single(warnings);
        Assert.Contains("preset 'insightface' is assumed", warnings[0]);
        Assert.Contains("--preset", warnings[0]);
        Assert.Empty(Lines(chosen.Error));
        Assert.Empty(Lines(declared.Error));
    }

    [Fact]
    public async Task Cuda_that_cannot_load_gives_our_one_warning_on_stderr_and_no_onnx_runtime_log_line()
    {
        // ONNX Runtime logs from native code straight to file descriptor 2, so only a child process shows it. The test
        // output holds no CUDA provider library (tests/Directory.Build.targets), so CUDA never loads here, GPU or not.
        using var process = ArcvdbProcess.Start("embed", "--device", "cuda", IngestCommandTests.SampleImage());
        var error = process.StandardError.ReadToEndAsync();
        var vectors = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        output.WriteLine(await error);
        Assert.Equal(0, process.ExitCode);
        Assert.Single(Lines(await vectors));
        var lines = Lines(await error);
        Assert.Single(lines);
        Assert.StartsWith("warning: CUDA device 0 is not usable", lines[0]);
        Assert.EndsWith("running on the CPU instead.", lines[0]);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
