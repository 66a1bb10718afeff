using System.CommandLine;
using ArcFace.VectorDb.Cli.Commands.Embedding;
using ArcFace.VectorDb.Evaluation.Verification;

namespace ArcFace.VectorDb.Cli.Commands.Evaluation;

/// <summary>`arcvdb eval verification`: face verification accuracy and TAR@FAR over a pair list, as insightface's verification.py computes them.</summary>
internal static class EvalVerificationCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var pairs = new Option<FileInfo>("--pairs")
        {
            Description = "The pair list: an LFW pairs.txt (a header, then 'name n1 n2' same or 'name1 n1 name2 n2' different), or CSV lines a,b,same " +
                "(same: 1, 0, true or false; optional header). A file whose first non-blank line holds a comma is read as CSV.",
            Required = true,
        };
        var images = new Option<DirectoryInfo?>("--images")
        {
            Description = "LFW: the folder holding NAME/NAME_0001.jpg (required). CSV: the folder relative paths start from (default: the CSV's folder).",
        };
        var folds = new Option<int>("--folds") { Description = "Consecutive folds of the cross-validation, in pair list order.", DefaultValueFactory = _ => 10 }.AtLeast(2);
        var json = new Option<FileInfo?>("--json") { Description = "Write the report here as JSON, with a Markdown page (.md) and a ROC chart (.png) beside it." };
        var model = new ModelOptions();
        var faces = new FaceDetectionOptions(defaultChoice: "center");

        var command = new Command("verification", "Face verification over a pair list: each distinct image embedded once with --model (raw photos with --detector: the face nearest the centre, --faces), each pair scored by cosine similarity, " +
            "then k-fold accuracy and TAR@FAR 1e-1…1e-4 (each where enough different pairs exist to measure it) as insightface computes them. Pairs naming an unusable image are left out with a warning.")
        {
            pairs, images, folds, json,
        };
        faces.AddTo(command, withSelection: true);
        model.AddTo(command);
        command.SetAction((result, cancellation) => UserErrors.RunAsync(result, async log =>
        {
            string pairFile = result.GetValue(pairs)!.FullName;
            var list = PairListFile.Read(pairFile, result.GetValue(images)?.FullName);
            using var opened = OpenedImageEmbedder.Open(result, model, faces, log);
            var evaluation = await PairVerification.RunAsync(pairFile, list, opened.Embedder, result.GetValue(folds), log, cancellation);
            EvaluationOutput.Emit(evaluation, result.GetValue(json), result.InvocationConfiguration.Output, log);
            return 0;
        }));
        return command;
    }
}
