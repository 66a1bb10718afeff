namespace ArcFace.VectorDb.Embedding.Ingest;

/// <summary>
/// A gallery laid out as ROOT/&lt;label&gt;/&lt;image&gt; (files deeper down keep their top folder as label). Files in ROOT
/// itself are images of no label: ignored in a labelled gallery, taken unlabelled from a folder of photos.
/// </summary>
public static class FolderGallery
{
    /// <summary>Every file under the label folders of <paramref name="root"/>, in a stable (ordinal path) order; with <paramref name="unlabelledTopFiles"/> the files in ROOT too, without a label.</summary>
    public static IReadOnlyList<GalleryItem> Read(string root, bool unlabelledTopFiles = false)
    {
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"Gallery folder not found: {Path.GetFullPath(root)}");
        var items = new List<GalleryItem>();
        if (unlabelledTopFiles)
        {
            foreach (string file in Directory.EnumerateFiles(root).Order(StringComparer.Ordinal))
            {
                if (!Path.GetFileName(file).StartsWith('.'))
                    items.Add(Item(root, file, ""));
            }
        }
        foreach (string labelFolder in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            string label = Path.GetFileName(labelFolder);
            if (label.StartsWith('.'))
                continue;
            foreach (string file in Directory.EnumerateFiles(labelFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (Path.GetFileName(file).StartsWith('.'))
                    continue;
                items.Add(Item(root, file, label));
            }
        }
        if (items.Count == 0)
        {
            throw new InvalidDataException(unlabelledTopFiles ? $"{Path.GetFullPath(root)} holds no files."
                : $"{Path.GetFullPath(root)} holds no files in label folders: a gallery is laid out as ROOT/<label>/<image> (a folder of unlabelled photos is --photos).");
        }
        return items;
    }

    private static GalleryItem Item(string root, string file, string label)
    {
        string key = StableIds.NormalizeKey(Path.GetRelativePath(root, file));
        return new GalleryItem(file, key, label, StableIds.ForKey(key));
    }
}
