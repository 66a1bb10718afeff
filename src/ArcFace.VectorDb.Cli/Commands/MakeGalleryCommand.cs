using System.CommandLine;
using ArcFace.VectorDb.Cli.Data;

namespace ArcFace.VectorDb.Cli.Commands;

/// <summary>`arcvdb make-gallery fashion-mnist`: an image gallery (PNG files in class folders) made from Fashion-MNIST.</summary>
internal static class MakeGalleryCommand
{
    /// <summary>Builds the command and its subcommand.</summary>
    public static Command Create()
    {
        var source = new Option<string>("--source") { Description = "Folder with the idx .gz files (apt-get install dataset-fashion-mnist).", DefaultValueFactory = _ => FashionMnistDataset.DefaultSource };
        var output = new Option<DirectoryInfo>("--out") { Description = "Gallery folder to write (ROOT/<class>/<split>-<index>.png and NOTICE.md).", Required = true };
        var perClass = new Option<int>("--per-class") { Description = "Images per class: the first ones of the split, in file order.", DefaultValueFactory = _ => 50 }.AtLeast(1);
        var split = new Option<string>("--split") { Description = "Fashion-MNIST split: t10k (test) or train.", DefaultValueFactory = _ => "t10k" };
        split.AcceptOnlyFromAmong("t10k", "train");
        var fashion = new Command("fashion-mnist", "Write Fashion-MNIST images as 28×28 grey PNG files into one folder per class, with the dataset's MIT notice.")
        {
            source, output, perClass, split,
        };
        fashion.SetAction(result => UserErrors.Run(result, log =>
        {
            string folder = result.GetValue(output)!.FullName;
            int written = FashionMnistGallery.Write(result.GetValue(source)!, result.GetValue(split)!, result.GetValue(perClass), folder);
            result.InvocationConfiguration.Output.WriteLine($"wrote {written} images into {folder}");
            return 0;
        }));
        return new Command("make-gallery", "Write image galleries for ingest tests and demos.") { fashion };
    }
}
