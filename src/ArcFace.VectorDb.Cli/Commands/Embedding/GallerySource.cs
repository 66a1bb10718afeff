using System.CommandLine;
using ArcFace.VectorDb.Embedding.Ingest;

namespace ArcFace.VectorDb.Cli.Commands.Embedding;

/// <summary>The options that name a gallery: a label-folder tree, a folder of photos, a CSV manifest, or an In-shop partition file and split.</summary>
internal sealed class GallerySource
{
    private readonly Option<DirectoryInfo?> gallery = new("--gallery") { Description = "A folder laid out as ROOT/<label>/<image>." };
    private readonly Option<DirectoryInfo?> photos = new("--photos") { Description = "A folder of photos: those at its top unlabelled, those in subfolders labelled by their top subfolder." };
    private readonly Option<FileInfo?> manifest = new("--manifest") { Description = "A CSV manifest: path,label[,id][,x1,y1,…,x5,y5] (5 landmarks: eyes, nose, mouth corners; paths relative to the manifest)." };
    private readonly Option<FileInfo?> inshop = new("--inshop") { Description = "In-shop's Eval/list_eval_partition.txt (images under ROOT/Img)." };
    private readonly Option<string> split = new("--split") { Description = "In-shop split to take: train, query or gallery.", DefaultValueFactory = _ => "gallery" };

    /// <summary>Adds the options and the rule that exactly one source is given.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { gallery, photos, manifest, inshop, split })
            command.Options.Add(option);
        command.Validators.Add(result =>
        {
            int given = new Option[] { gallery, photos, manifest, inshop }.Count(o => result.GetResult(o) is not null);
            if (given != 1)
                result.AddError("Give exactly one of --gallery, --photos, --manifest or --inshop.");
        });
    }

    /// <summary>The source as given: its option and path.</summary>
    public string Describe(ParseResult result) =>
        new Option[] { gallery, photos, manifest, inshop }.Select(option => (option, value: result.GetResult(option)?.Tokens is [{ } token, ..] ? token.Value : null))
            .Where(given => given.value is not null).Select(given => $"{given.option.Name} {given.value}").FirstOrDefault() ?? "";

    /// <summary>The gallery's items, in a stable order.</summary>
    public IReadOnlyList<GalleryItem> Read(ParseResult result) =>
        result.GetValue(gallery) is { } folder ? FolderGallery.Read(folder.FullName)
        : result.GetValue(photos) is { } photoFolder ? FolderGallery.Read(photoFolder.FullName, unlabelledTopFiles: true)
        : result.GetValue(manifest) is { } csv ? CsvManifest.Read(csv.FullName)
        : InshopPartition.Read(result.GetValue(inshop)!.FullName, result.GetValue(split)!);
}
