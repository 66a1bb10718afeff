using System.Text.Json;
using ArcFace.VectorDb.Core.IO;

namespace ArcFace.VectorDb.Storage.Collections;

/// <summary>A collection's manifest file: the format version and the settings, as JSON, written atomically.</summary>
public static class CollectionManifest
{
    /// <summary>The manifest's file name inside a collection directory.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The manifest format this build writes and the newest it reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Checks a collection's settings, naming what is wrong.</summary>
    public static void Validate(CollectionSettings settings)
    {
        CollectionNames.Require(settings.Name);
        if (settings.Dimension is < 1 or > 65_536)
            throw new ArgumentException($"Collection '{settings.Name}': dimension {settings.Dimension} is outside 1..65536.", nameof(settings));
        if (!Enum.IsDefined(settings.Metric))
            throw new ArgumentException($"Collection '{settings.Name}': unknown metric {(int)settings.Metric}.", nameof(settings));
        if (settings.IndexOptions().Problem() is { } problem)
            throw new ArgumentException($"Collection '{settings.Name}': {problem}", nameof(settings));
    }

    /// <summary>Writes the manifest of a collection into its directory.</summary>
    public static void Write(string directory, CollectionSettings settings) =>
        AtomicFile.Write(Path.Combine(directory, FileName), stream => JsonSerializer.Serialize(stream, new Document(CurrentVersion, settings), StorageJson.Options));

    /// <summary>Reads and checks the manifest of a collection directory.</summary>
    public static CollectionSettings Read(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
            throw new StorageException($"{directory} has no {FileName}: it is not a collection, or its manifest was deleted. The log in it is untouched.");
        Document? document;
        try
        {
            using var stream = File.OpenRead(path);
            document = JsonSerializer.Deserialize<Document>(stream, StorageJson.Options);
        }
        catch (JsonException e)
        {
            throw new StorageException($"{path} is not a valid manifest: {e.Message}", e);
        }
        if (document?.Settings is null)
            throw new StorageException($"{path} is not a valid manifest: it has no settings.");
        if (document.FormatVersion > CurrentVersion)
            throw new StorageException($"{path} was written by a newer format version ({document.FormatVersion}; this build reads up to {CurrentVersion}). Upgrade ArcFace.VectorDb.");
        Validate(document.Settings);
        return document.Settings;
    }

    private sealed record Document(int FormatVersion, CollectionSettings Settings);
}
