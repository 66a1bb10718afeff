using System.Globalization;
using System.Numerics;

namespace ArcFace.VectorDb.Embedding.Ingest;

/// <summary>
/// A gallery listed in a CSV manifest: <c>path,label[,id][,x1,y1,…,x5,y5]</c> (landmarks: left eye, right eye, nose,
/// left and right mouth corner). Paths are relative to the manifest's folder unless absolute; an optional header
/// line starts with "path". A row that cannot be read becomes an item with its problem, so the run reports it.
/// </summary>
public static class CsvManifest
{
    /// <summary>The manifest's rows as gallery items.</summary>
    public static IReadOnlyList<GalleryItem> Read(string manifestPath)
    {
        if (!File.Exists(manifestPath))
            throw new FileNotFoundException($"Manifest not found: {Path.GetFullPath(manifestPath)}");
        string baseFolder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        var items = new List<GalleryItem>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(manifestPath))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
                continue;
            var fields = CsvFields.Split(line);
            if (lineNumber == 1 && fields[0].Equals("path", StringComparison.OrdinalIgnoreCase))
                continue;
            items.Add(ParseRow(fields, baseFolder, $"{Path.GetFileName(manifestPath)} line {lineNumber}"));
        }
        return items;
    }

    private static GalleryItem ParseRow(List<string> fields, string baseFolder, string where)
    {
        string relative = fields[0];
        string key = StableIds.NormalizeKey(relative);
        string path = Path.IsPathRooted(relative) ? relative : Path.Combine(baseFolder, relative);
        GalleryItem Problem(string why) => new(path, key, fields.Count > 1 ? fields[1] : "", 0, null, $"{where}: {why}");

        if (relative.Length == 0)
            return Problem("empty path");
        if (fields.Count is not (2 or 3 or 12 or 13))
            return Problem($"{fields.Count} fields; expected path,label[,id][,x1,y1,…,x5,y5] (2, 3, 12 or 13)");
        ulong id = StableIds.ForKey(key);
        if (fields.Count is 3 or 13 && !ulong.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out id))
            return Problem($"id '{fields[2]}' is not an unsigned 64-bit integer");
        Vector2[]? landmarks = null;
        if (fields.Count >= 12)
        {
            int first = fields.Count - 10;
            landmarks = new Vector2[5];
            for (int i = 0; i < 5; i++)
            {
                if (!TryCoordinate(fields[first + 2 * i], out float x) || !TryCoordinate(fields[first + 2 * i + 1], out float y))
                    return Problem($"landmark {i + 1} ('{fields[first + 2 * i]}', '{fields[first + 2 * i + 1]}') is not a pair of finite numbers");
                landmarks[i] = new Vector2(x, y);
            }
        }
        return new GalleryItem(path, key, fields[1], id, landmarks);
    }

    private static bool TryCoordinate(string text, out float value) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && float.IsFinite(value);
}
