using System.CommandLine;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>`arcvdb bench make-data`: writes benchmark data sets as .fvecs/.ivecs.</summary>
internal static class MakeDataCommand
{
    /// <summary>Builds the command and its subcommands.</summary>
    public static Command Create()
    {
        var command = new Command("make-data", "Write benchmark data sets (Fashion-MNIST, synthetic ArcFace-like) as .fvecs/.ivecs with exact ground truth.");
        command.Subcommands.Add(MakeFashionMnistCommand.Create());
        command.Subcommands.Add(MakeSyntheticCommand.Create());
        return command;
    }
}
