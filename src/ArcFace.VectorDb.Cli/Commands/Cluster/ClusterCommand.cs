using System.CommandLine;

namespace ArcFace.VectorDb.Cli.Commands.Cluster;

/// <summary>`arcvdb cluster`: looking at a cluster of `serve --cluster` silos.</summary>
internal static class ClusterCommand
{
    /// <summary>Builds the command and its subcommands.</summary>
    public static Command Create()
    {
        var command = new Command("cluster", "Look at a cluster of `arcvdb serve --cluster` silos.");
        command.Subcommands.Add(ClusterStatusCommand.Create());
        return command;
    }
}
