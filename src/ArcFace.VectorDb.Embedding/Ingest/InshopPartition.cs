namespace ArcFace.VectorDb.Embedding.Ingest;

/// <summary>
/// In-shop Clothes Retrieval's Eval/list_eval_partition.txt: a count line, a header line, then
/// "image_name item_id evaluation_status" rows; the label is the item id, images live under ROOT/Img/.
/// </summary>
public static class InshopPartition
{
    /// <summary>The splits a row may belong to.</summary>
    public static IReadOnlyList<string> Splits { get; } = ["train", "query", "gallery"];

    /// <summary>The rows of one split as gallery items (ids hash the image name).</summary>
    public static IReadOnlyList<GalleryItem> Read(string partitionFile, string split)
    {
        if (!Splits.Contains(split))
            throw new ArgumentException($"Unknown In-shop split '{split}'; known: {string.Join(", ", Splits)}.");
        if (!File.Exists(partitionFile))
            throw new FileNotFoundException($"In-shop partition file not found: {Path.GetFullPath(partitionFile)}");
        string folder = Path.GetDirectoryName(Path.GetFullPath(partitionFile))!;
        string imageRoot = Path.GetFileName(folder).Equals("Eval", StringComparison.OrdinalIgnoreCase) ? Path.Combine(Path.GetDirectoryName(folder)!, "Img") : folder;
        var lines = File.ReadAllLines(partitionFile);
        if (lines.Length < 2 || !int.TryParse(lines[0].Trim(), out int declared))
            throw new InvalidDataException($"{partitionFile} does not start with an image count and a header line, as list_eval_partition.txt does.");
        var items = new List<GalleryItem>();
        int rows = 0;
        for (int i = 2; i < lines.Length; i++)
        {
            var fields = lines[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
                continue;
            rows++;
            if (fields.Length != 3)
                throw new InvalidDataException($"{partitionFile} line {i + 1}: {fields.Length} fields; expected image_name item_id evaluation_status.");
            if (fields[2] != split)
                continue;
            string key = StableIds.NormalizeKey(fields[0]);
            items.Add(new GalleryItem(Path.Combine(imageRoot, key), key, fields[1], StableIds.ForKey(key)));
        }
        if (rows != declared)
            throw new InvalidDataException($"{partitionFile} declares {declared} images but lists {rows}: the file is truncated or edited.");
        return items;
    }
}
