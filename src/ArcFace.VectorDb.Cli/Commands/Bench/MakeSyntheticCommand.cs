using System.CommandLine;
using ArcFace.VectorDb.Cli.Data;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>`arcvdb bench make-data synthetic`: an ArcFace-like set of identities with a chosen intra-identity cosine.</summary>
internal static class MakeSyntheticCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var count = new Option<int>("--n") { Description = "Base vectors.", DefaultValueFactory = _ => 100_000 }.AtLeast(1);
        var queries = new Option<int>("--queries") { Description = "Query vectors (fresh samples of random identities).", DefaultValueFactory = _ => 10_000 }.AtLeast(1);
        var dimension = new Option<int>("--dim") { Description = "Components per vector.", DefaultValueFactory = _ => 512 }.Between(1, 65536);
        var perIdentity = new Option<int>("--per-identity") { Description = "Base vectors per identity.", DefaultValueFactory = _ => 10 }.AtLeast(1);
        var cosine = new Option<double>("--cosine") { Description = "Expected cosine between two samples of one identity.", DefaultValueFactory = _ => 0.5 }.StrictlyBetween(0.0, 1.0);
        var seed = new Option<ulong>("--seed") { Description = "Seed; the same seed gives the same files.", DefaultValueFactory = _ => 42UL };
        var output = new MakeDataOutput();
        var command = new Command("synthetic", "Write a synthetic ArcFace-like data set: unit identity centres plus Gaussian noise, normalised.");
        command.Options.Add(count);
        command.Options.Add(queries);
        command.Options.Add(dimension);
        command.Options.Add(perIdentity);
        command.Options.Add(cosine);
        command.Options.Add(seed);
        output.AddTo(command);
        command.SetAction(parseResult => UserErrors.Run(parseResult, log =>
        {
            var spec = new SyntheticFaceSpec(
                parseResult.GetValue(count), parseResult.GetValue(queries), parseResult.GetValue(dimension),
                parseResult.GetValue(perIdentity), parseResult.GetValue(cosine), parseResult.GetValue(seed));
            // Checked once the defaults apply (a command validator sees an omitted option as 0), before any work.
            spec.Validate();
            var dataset = log.Step(
                $"generating {spec.Count} base vectors of {spec.Identities} identities and {spec.Queries} queries, {spec.Dimension}-d, target cosine {spec.Cosine} (sigma {spec.Sigma:G4})",
                () => SyntheticFaceDataset.Generate(spec));
            output.Write(parseResult, dataset, log, "identity");
            return 0;
        }));
        return command;
    }
}
