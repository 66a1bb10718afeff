namespace ArcFace.VectorDb.Embedding.Ingest;

/// <summary>A gallery laid out as ROOT/&lt;label&gt;/&lt;image&gt; (files deeper down keep their top folder as label; files in ROOT itself are not images of any label and are ignored).</summary>
public static class FolderGallery
{
    /// <summary>Every file under the label folders of <paramref name="root"/>, in a stable (ordinal path) order.</summary>
    public static IReadOnlyList<GalleryItem> Read(string root)
    {
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"Gallery folder not found: {Path.GetFullPath(root)}");
        var items = new List<GalleryItem>();
        foreach (string labelFolder in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            string label = Path.GetFileName(labelFolder);
            if (label.StartsWith('.'))
                continue;
            foreach (string file in Directory.EnumerateFiles(labelFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (Path.GetFileName(file).StartsWith('.'))
                    continue;
                string key = StableIds.NormalizeKey(Path.GetRelativePath(root, file));
                items.Add(new GalleryItem(file, key, label, StableIds.ForKey(key)));
            }
        }
        if (items.Count == 0)
            throw new InvalidDataException($"{Path.GetFullPath(root)} holds no files in label folders: a gallery is laid out as ROOT/<label>/<image>.");
        return items;
    }
}
