using System.Diagnostics;

namespace ArcFace.VectorDb.Storage.Tests.Crash;

/// <summary>Runs the crash writer as a real child process and collects the indexes it acknowledged.</summary>
internal static class CrashWriterProcess
{
    private static string WriterDll => Path.Combine(AppContext.BaseDirectory, "ArcFace.VectorDb.Storage.CrashWriter.dll");

    /// <summary>Starts the writer in log mode and kills it with SIGKILL (after a random pause of up to 3 ms) once it has acknowledged <paramref name="killAfter"/>.</summary>
    public static Task<List<string>> RunAndKillAsync(string directory, int killAfter, Random random) =>
        RunAndKillAsync(["log", directory, $"{int.MaxValue}"], line => int.Parse(line) >= killAfter, random);

    /// <summary>Starts the writer with <paramref name="arguments"/> and kills it with SIGKILL, after a random pause of up to 3 ms, once a line satisfies <paramref name="killAt"/>.</summary>
    public static async Task<List<string>> RunAndKillAsync(string[] arguments, Func<string, bool> killAt, Random random)
    {
        using var process = Start(arguments);
        var lines = new List<string>();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            lines.Add(line);
            if (killAt(line))
                break;
        }
        Thread.Sleep(random.Next(0, 4));
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        lines.AddRange((await process.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        return lines;
    }

    /// <summary>Runs the writer until it has written <paramref name="total"/> records and exits.</summary>
    public static async Task<List<string>> RunToEndAsync(string directory, int total)
    {
        using var process = Start(["log", directory, $"{total}"]);
        var output = (await process.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        string errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"crash writer exited with {process.ExitCode}: {errors}");
        return output;
    }

    /// <summary>Starts the writer with <paramref name="arguments"/> and returns it once it has printed "ready" (the caller kills it).</summary>
    public static async Task<Process> StartReadyAsync(params string[] arguments)
    {
        var process = Start(arguments);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string? line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line != "ready")
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"the crash writer said '{line}' instead of ready: {await process.StandardError.ReadToEndAsync()}");
        }
        return process;
    }

    private static Process Start(string[] arguments)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(WriterDll);
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the crash writer");
    }
}
