using System.CommandLine;

namespace ArcFace.VectorDb.Cli.Commands.Evaluation;

/// <summary>`arcvdb eval`: how good a model is on a gallery or a verification pair list, and how much recall the index gives away for its speed.</summary>
internal static class EvalCommand
{
    /// <summary>Builds the command and its subcommands.</summary>
    public static Command Create()
    {
        var command = new Command("eval", "Evaluations, each written as JSON, a Markdown table and a PNG chart: retrieval Recall@K/mAP@K (as mmpretrain defines them), ANN recall/QPS of a collection, face verification accuracy and TAR@FAR over a pair list (as insightface computes them).");
        command.Subcommands.Add(EvalRetrievalCommand.Create());
        command.Subcommands.Add(EvalAnnCommand.Create());
        command.Subcommands.Add(EvalVerificationCommand.Create());
        return command;
    }
}
