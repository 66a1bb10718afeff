using System.CommandLine;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>`arcvdb bench make-data`: writes benchmark data sets as .fvecs/.ivecs.</summary>
internal static class MakeDataCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create() => new("make-data", "Write benchmark data sets (Fashion-MNIST, synthetic ArcFace-like) as .fvecs/.ivecs.");
}
