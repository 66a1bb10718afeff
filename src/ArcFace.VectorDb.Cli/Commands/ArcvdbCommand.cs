using System.CommandLine;
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
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(SearchCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(InfoCommand.Create());
        root.Subcommands.Add(CompactCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(MakeGalleryCommand.Create());
        return root;
    }
}
