using System.CommandLine;
using ArcFace.VectorDb.Cli.Data;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>`arcvdb bench make-data fashion-mnist`: Fashion-MNIST images as 784-d unit vectors, train as base, test as queries.</summary>
internal static class MakeFashionMnistCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var source = new Option<string>("--source") { Description = "Folder with the idx .gz files (apt-get install dataset-fashion-mnist).", DefaultValueFactory = _ => FashionMnistDataset.DefaultSource };
        var output = new MakeDataOutput();
        var command = new Command("fashion-mnist", "Write Fashion-MNIST (60k train images as base, 10k test images as queries; pixels / 255, L2-normalised).");
        command.Options.Add(source);
        output.AddTo(command);
        command.SetAction(parseResult => UserErrors.Run(parseResult, log =>
        {
            string folder = parseResult.GetRequiredValue(source);
            var dataset = log.Step($"reading Fashion-MNIST from {folder}", () => FashionMnistDataset.Load(folder));
            log.Line($"{dataset.Base.Vectors.Count} base and {dataset.Queries.Vectors.Count} query images, {dataset.Base.Vectors.Dimension}-d");
            output.Write(parseResult, dataset, log, "class");
            return 0;
        }));
        return command;
    }
}
