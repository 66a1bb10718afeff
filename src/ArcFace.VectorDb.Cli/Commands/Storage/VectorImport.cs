using System.Diagnostics;
using System.Globalization;
using ArcFace.VectorDb.Core.Formats;
using ArcFace.VectorDb.Core.Quantization;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Storage.Collections;
using ArcFace.VectorDb.Storage.Log;

namespace ArcFace.VectorDb.Cli.Commands.Storage;

/// <summary>Imports a vector file (with optional labels and ids) into a collection in batches, skipping ids already present when resuming.</summary>
internal static class VectorImport
{
    /// <summary>Runs the import and returns the summary line.</summary>
    public static string Run(ImportSettings settings, ProgressLog log)
    {
        if (!settings.Vectors.Exists)
            throw new FileNotFoundException($"--vectors: file not found: {settings.Vectors.FullName}");
        var vectors = VectorFiles.ReadVectors(settings.Vectors.FullName);
        string[]? labels = settings.Labels is null ? null : ReadLines(settings.Labels, "--labels", vectors.Count);
        ulong[] ids = settings.Ids is null ? [.. Enumerable.Range(0, vectors.Count).Select(i => (ulong)i)] : ReadIds(settings.Ids, vectors.Count);

        var database = VectorDatabase.OpenOrCreate(settings.Database.FullName);
        try
        {
            var collection = OpenOrCreate(database, settings, vectors.Dimension);
            int imported = 0, skipped = 0, replaced = 0;
            var clock = Stopwatch.StartNew();
            ConsoleProgress.Run($"import into '{settings.Collection}'", vectors.Count, log, progress =>
            {
                for (int start = 0; start < vectors.Count; start += settings.BatchSize)
                {
                    int end = Math.Min(vectors.Count, start + settings.BatchSize);
                    var batch = new List<LogRecord>(end - start);
                    for (int i = start; i < end; i++)
                    {
                        bool present = collection.Contains(ids[i]);
                        if (present && settings.Resume)
                        {
                            skipped++;
                            continue;
                        }
                        replaced += present ? 1 : 0;
                        batch.Add(LogRecord.Upsert(ids[i], vectors.Row(i).ToArray(), labels?[i] ?? "", $"{settings.Vectors.Name}#{i}"));
                    }
                    if (batch.Count > 0)
                        collection.UpsertAsync(batch, settings.Durability).AsTask().GetAwaiter().GetResult();
                    imported += batch.Count;
                    progress.Report(end);
                }
            });
            double seconds = clock.Elapsed.TotalSeconds;
            string present = settings.Resume ? $"{skipped} already present, skipped" : $"{replaced} replaced a point of the same id";
            return $"imported {imported} vectors into '{settings.Collection}' ({present}), {collection.Count} live; " +
                $"{seconds:F1} s, {imported / Math.Max(seconds, 1e-9):F0} vectors/s, {settings.Durability}";
        }
        finally
        {
            database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static VectorCollection OpenOrCreate(VectorDatabase database, ImportSettings settings, int dimension)
    {
        if (!database.CollectionNames().Contains(settings.Collection))
        {
            var defaults = new CollectionSettings { Name = settings.Collection, Dimension = dimension };
            return database.CreateCollection(defaults with
            {
                Metric = settings.Metric ?? defaults.Metric, M = settings.M ?? defaults.M, EfConstruction = settings.EfConstruction ?? defaults.EfConstruction,
                Quantization = settings.Quantization ?? defaults.Quantization,
            });
        }
        var collection = database.GetCollection(settings.Collection);
        var existing = collection.Settings;
        string? mismatch = existing.Dimension != dimension ? $"--vectors holds {dimension}-d vectors but it is {existing.Dimension}-d"
            : settings.Metric is { } metric && metric != existing.Metric ? $"--metric {metric} was given but it is {existing.Metric}"
            : settings.M is { } m && m != existing.M ? $"--m {m} was given but it was built with M {existing.M}"
            : settings.EfConstruction is { } ef && ef != existing.EfConstruction ? $"--ef-construction {ef} was given but it was built with {existing.EfConstruction}"
            : settings.Quantization is { } quantization && quantization != existing.Quantization ? $"--quantization {quantization.Name()} was given but it was created with {existing.Quantization.Name()}"
            : null;
        return mismatch is null ? collection
            : throw new InvalidDataException($"Collection '{settings.Collection}' exists: {mismatch}. Leave the option out to import into it as it is, or import into another collection.");
    }

    private static string[] ReadLines(FileInfo file, string option, int rows)
    {
        if (!file.Exists)
            throw new FileNotFoundException($"{option}: file not found: {file.FullName}");
        var lines = File.ReadAllLines(file.FullName);
        if (lines.Length != rows)
            throw new InvalidDataException($"{option} has {lines.Length} lines but --vectors has {rows} rows.");
        return lines;
    }

    private static ulong[] ReadIds(FileInfo file, int rows)
    {
        var lines = ReadLines(file, "--ids", rows);
        var ids = new ulong[rows];
        for (int i = 0; i < rows; i++)
        {
            if (!ulong.TryParse(lines[i].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out ids[i]))
                throw new InvalidDataException($"--ids line {i + 1}: '{lines[i]}' is not an unsigned 64-bit id.");
        }
        if (ids.Distinct().Count() != rows)
            throw new InvalidDataException("--ids holds the same id more than once; each row needs its own.");
        return ids;
    }
}
