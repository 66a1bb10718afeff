using ArcFace.VectorDb.Cli.Commands.Embedding;
using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Embedding.Onnx;
using ArcFace.VectorDb.Embedding.Preprocessing;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Storage.Collections;
using Spectre.Console;

namespace ArcFace.VectorDb.Cli.Commands;

/// <summary>The image half of the demo: ingest the bundled gallery with the bundled model, search by image, measure self-retrieval.</summary>
internal static class ImageDemo
{
    private const int Ef = 64;

    /// <summary>Runs the ingest, three searches by image and the leave-one-out Recall@1 (HNSW and exact) into <paramref name="folder"/>/db.</summary>
    public static async Task RunAsync(string folder, ProgressLog log, TextWriter output)
    {
        string dbPath = Path.Combine(folder, "db");
        if (Directory.Exists(dbPath))
            Directory.Delete(dbPath, recursive: true);
        using var embedder = OnnxEmbedder.Open(new EmbedderOptions { ModelPath = BundledAssets.Model }, new PreprocessChoice());
        var items = FolderGallery.Read(BundledAssets.Gallery);
        await using var database = VectorDatabase.Create(dbPath);
        var collection = await IngestTarget.OpenAsync(database, "fashion", embedder);
        using var report = new ErrorReport(Path.Combine(folder, "ingest.errors.jsonl"));
        var summary = await IngestWithProgress.RunAsync(new IngestPipeline(embedder, collection, new IngestOptions(), report), items,
            $"ingest the bundled gallery with {Path.GetFileName(BundledAssets.Model)}", log);
        output.WriteLine(summary);

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        var vector = new float[embedder.Dimension];
        var tensor = new float[embedder.Spec.TensorLength];
        foreach (string label in new[] { "Sneaker", "Bag", "Dress" })
        {
            var query = items.First(i => i.Label == label);
            if (ImagePreparation.Prepare(query, embedder.Spec, new DecodeLimits(), tensor) is { } problem)
                throw new InvalidDataException($"The bundled gallery image {query.Path} cannot be used: {problem}");
            embedder.Embed(tensor, 1, vector);
            var table = new Table().Title($"search by image {query.Key} (k=5, ef={Ef})").AddColumns("rank", "score", "label", "source");
            int rank = 0;
            foreach (var hit in collection.Search(vector, 5, Ef))
                table.AddRow($"{++rank}", $"{hit.Score:F3}", hit.Label, Markup.Escape(collection.Get(hit.Id)?.Source ?? ""));
            console.Write(table);
        }
        var (hnsw, exact) = LeaveOneOutRecall(collection);
        output.WriteLine($"leave-one-out Recall@1 over the {collection.Count} gallery images: {hnsw:F1} with HNSW (ef={Ef}), {exact:F1} with exact search");
    }

    /// <summary>Each stored vector queries the others: the share whose nearest other image has its label, ×100, by HNSW and by exact search.</summary>
    private static (double Hnsw, double Exact) LeaveOneOutRecall(VectorCollection collection)
    {
        var records = collection.Scan().ToArray();
        int hnswHits = 0, exactHits = 0;
        foreach (var query in records)
        {
            var nearest = collection.Search(query.Vector, 2, Ef).FirstOrDefault(h => h.Id != query.Id);
            hnswHits += nearest.Label == query.Label ? 1 : 0;
            var best = records.Where(r => r.Id != query.Id).MaxBy(r => Core.Distance.DotProduct.Compute(query.Vector, r.Vector));
            exactHits += best?.Label == query.Label ? 1 : 0;
        }
        return (100.0 * hnswHits / records.Length, 100.0 * exactHits / records.Length);
    }
}
