using System.CommandLine;
using ArcFace.VectorDb.Cli.Commands;

namespace ArcFace.VectorDb.Cli.Tests.Commands;

/// <summary>Runs `arcvdb` in process and captures its exit code, stdout and stderr.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>Parses and invokes the command line.</summary>
    public static CliRun Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = ArcvdbCommand.Run(args, new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
