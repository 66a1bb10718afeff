using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using ArcFace.VectorDb.Cli.Commands.Bench;
using ArcFace.VectorDb.Cli.Commands.Demo;
using ArcFace.VectorDb.Cli.Commands.Embedding;
using ArcFace.VectorDb.Cli.Commands.Evaluation;
using ArcFace.VectorDb.Cli.Commands.Serving;
using ArcFace.VectorDb.Cli.Commands.Storage;

namespace ArcFace.VectorDb.Cli.Commands;

/// <summary>The root of the `arcvdb` command line.</summary>
internal static class ArcvdbCommand
{
    /// <summary>Builds the command tree.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("ArcFace.VectorDb: a vector database for face and image embeddings.");
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(IngestCommand.Create());
        root.Subcommands.Add(EmbedCommand.Create());
        root.Subcommands.Add(DetectCommand.Create());
        root.Subcommands.Add(CreateCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(Cluster.ClusterCommand.Create());
        root.Subcommands.Add(SearchCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(InfoCommand.Create());
        root.Subcommands.Add(CompactCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(MakeGalleryCommand.Create());
        return root;
    }

    /// <summary>
    /// Parses and runs a command line. Ctrl-C / SIGTERM cancel the running command, which then has up to a minute to
    /// commit what it wrote and close. A command line that does not parse gets its errors and one line pointing to
    /// --help, not the whole help page.
    /// </summary>
    public static int Run(string[] args, InvocationConfiguration? configuration = null)
    {
        configuration ??= new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(1) };
        var parsed = Create().Parse(args);
        if (parsed.Action is not ParseErrorAction errors)
            return parsed.Invoke(configuration);
        errors.ShowHelp = false;
        int code = parsed.Invoke(configuration);
        configuration.Error.WriteLine($"See '{CommandLine(parsed)} --help' for the options.");
        return code;
    }

    /// <summary>"arcvdb eval ann": the command a parse result reached, from the root.</summary>
    private static string CommandLine(ParseResult parsed)
    {
        var names = new List<string>();
        for (SymbolResult? at = parsed.CommandResult; at is CommandResult command && command.Command is not RootCommand; at = at.Parent)
            names.Insert(0, command.Command.Name);
        return string.Join(' ', ["arcvdb", .. names]);
    }
}
