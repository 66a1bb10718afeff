using System.CommandLine;
using ArcFace.VectorDb.Cli.Commands.Embedding;
using ArcFace.VectorDb.Core.Hnsw;
using ArcFace.VectorDb.Embedding.Detection;
using ArcFace.VectorDb.Embedding.Images;
using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Embedding.Onnx;
using ArcFace.VectorDb.Evaluation.Collections;
using ArcFace.VectorDb.Evaluation.Retrieval;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Storage.Collections;

namespace ArcFace.VectorDb.Cli.Commands.Evaluation;

/// <summary>`arcvdb eval retrieval`: Recall@K, mAP@K and rank-1 over vector files, a collection, or In-shop.</summary>
internal static class EvalRetrievalCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var queryVectors = new Option<FileInfo?>("--query-vectors") { Description = "Query vectors (.npy, .fvecs)." };
        var queryLabels = new Option<FileInfo?>("--query-labels") { Description = "Query labels: one line per vector, several labels comma-separated." };
        var galleryVectors = new Option<FileInfo?>("--gallery-vectors") { Description = "Gallery vectors (.npy, .fvecs)." };
        var galleryLabels = new Option<FileInfo?>("--gallery-labels") { Description = "Gallery labels, as --query-labels." };
        var db = new Option<DirectoryInfo?>("--db") { Description = "A database whose --collection is the gallery." };
        var collection = new Option<string?>("--collection") { Description = "The gallery collection (with --db). Without --queries or --query-collection, every point queries all the others (leave-one-out)." };
        var queryCollection = new Option<string?>("--query-collection") { Description = "A collection of the same database whose points are the queries." };
        var queryImages = new Option<DirectoryInfo?>("--queries") { Description = "A folder of query images ROOT/<label>/<image>, embedded with --model (which must be the collection's model); raw photos with --detector (each photo's face nearest the centre, --faces)." };
        var inshop = new Option<FileSystemInfo?>("--inshop") { Description = "In-shop: its ROOT, or ROOT/Eval/list_eval_partition.txt; the query split against the gallery split, embedded with --model." };
        var topk = ListOption.OfPositiveInts("--topk", "The K of each Recall@K; a default K beyond the gallery is left out with a note", [.. RetrievalSettings.DefaultRecallTopK]);
        var mapTopk = new Option<int>("--map-topk") { Description = "The K of mAP@K (a default beyond the gallery is left out with a note).", DefaultValueFactory = _ => RetrievalSettings.DefaultMapTopK }.AtLeast(1);
        var apMode = new Option<AveragePrecisionMode>("--ap-mode") { Description = "AP as mmpretrain computes it: Ir (precision at each relevant rank over all relevant items) or Integrate (trapezoid).", DefaultValueFactory = _ => AveragePrecisionMode.Ir };
        var index = new Option<string>("--index") { Description = "exact, or hnsw to score the HNSW index at --ef beside exact search.", DefaultValueFactory = _ => "exact" }.AcceptOnlyFromAmong("exact", "hnsw");
        var ef = new Option<int>("--ef") { Description = "HNSW ef with --index hnsw (at least the largest K).", DefaultValueFactory = _ => 64 }.AtLeast(1);
        var m = IndexOptions.M("HNSW M of the index built over gallery vector files or In-shop's embedded gallery.");
        var efConstruction = IndexOptions.EfConstruction("HNSW efConstruction of that index.");
        var threads = new Option<int>("--search-threads") { Description = "Threads for exact search and index builds (0 = every core; --threads sets ONNX Runtime's).", DefaultValueFactory = _ => 0 }.AtLeast(0);
        var json = new Option<FileInfo?>("--json") { Description = "Write the report here as JSON, with a Markdown table (.md) and a Recall@K chart (.png) beside it (with --db, default DB/reports/retrieval-TIME.json)." };
        var model = new ModelOptions();
        var faces = new FaceDetectionOptions(defaultChoice: "center");

        var command = new Command("retrieval", "Retrieval metrics exactly as mmpretrain defines them (Recall@K: share of queries with a relevant item in the top K; " +
            "mAP@K; rank-1), relevant = sharing a label. Inputs: vector files with label files; a collection (leave-one-out, another collection, or a folder of query images); or In-shop.")
        {
            queryVectors, queryLabels, galleryVectors, galleryLabels, db, collection, queryCollection, queryImages, inshop, topk, mapTopk, apMode, index, ef, m, efConstruction, threads, json,
        };
        faces.AddTo(command, withSelection: true);
        model.AddTo(command);
        command.Validators.Add(result =>
        {
            bool files = new[] { queryVectors, queryLabels, galleryVectors, galleryLabels }.Any(o => result.GetResult(o) is not null);
            bool database = result.GetResult(db) is not null || result.GetResult(collection) is not null;
            bool shop = result.GetResult(inshop) is not null;
            if ((files ? 1 : 0) + (database ? 1 : 0) + (shop ? 1 : 0) != 1)
                result.AddError("Give one input: --query-vectors/--query-labels/--gallery-vectors/--gallery-labels, or --db with --collection, or --inshop.");
            else if (files && new[] { queryVectors, queryLabels, galleryVectors, galleryLabels }.Any(o => result.GetResult(o) is null))
                result.AddError("Vector files need all four of --query-vectors, --query-labels, --gallery-vectors and --gallery-labels.");
            else if (database && (result.GetResult(db) is null || result.GetResult(collection) is null))
                result.AddError("A collection as the gallery needs both --db and --collection.");
            else if (result.GetResult(queryCollection) is not null && result.GetResult(queryImages) is not null)
                result.AddError("Give --query-collection or --queries, not both.");
        });
        command.SetAction((result, cancellation) => UserErrors.RunAsync(result, async log =>
        {
            var settings = new RetrievalSettings
            {
                RecallTopK = result.GetValue(topk)!, MapTopK = result.GetValue(mapTopk), ApMode = result.GetValue(apMode),
                RecallTopKIsDefault = IsDefault(result, topk), MapTopKIsDefault = IsDefault(result, mapTopk),
                HnswEf = result.GetValue(index) == "hnsw" ? result.GetValue(ef) : null, MaxThreads = result.GetValue(threads),
            };
            var output = result.InvocationConfiguration.Output;
            if (result.GetValue(queryVectors) is { } qv)
            {
                var options = new HnswOptions { M = result.GetValue(m), EfConstruction = result.GetValue(efConstruction) };
                var report = StagedProgress.Run(log, progress => VectorFileRetrieval.Run(qv, result.GetValue(queryLabels)!, result.GetValue(galleryVectors)!, result.GetValue(galleryLabels)!, settings, options, progress, cancellation));
                EvaluationOutput.Emit(report, result.GetValue(json), output, log);
                return 0;
            }
            if (result.GetValue(inshop) is { } shopPath)
            {
                string partition = shopPath is DirectoryInfo root ? Path.Combine(root.FullName, "Eval", "list_eval_partition.txt") : shopPath.FullName;
                using var opened = OpenedImageEmbedder.Open(result, model, faces, log);
                var embedder = opened.Embedder;
                var gallery = await EmbeddedImageSets.EmbedAsync("gallery", InshopPartition.Read(partition, "gallery"), embedder, log, cancellation);
                var queries = await EmbeddedImageSets.EmbedAsync("query", InshopPartition.Read(partition, "query"), embedder, log, cancellation);
                var options = new HnswOptions { M = result.GetValue(m), EfConstruction = result.GetValue(efConstruction) };
                var report = StagedProgress.Run(log, progress => RowsRetrieval.Evaluate($"In-shop {partition}", EmbeddedImageSets.Rows(queries, embedder.Dimension),
                    EmbeddedImageSets.Rows(gallery, embedder.Dimension), settings, options, progress, cancellation));
                EvaluationOutput.Emit(report, result.GetValue(json), output, log);
                return 0;
            }
            await using var database = VectorDatabase.OpenReadOnly(result.GetValue(db)!.FullName);
            var galleryCollection = Existing(database, result.GetValue(collection)!);
            RetrievalReport collectionReport;
            if (result.GetValue(queryImages) is { } folder)
            {
                using var opened = OpenedImageEmbedder.Open(result, model, faces, log);
                var embedder = opened.Embedder;
                RequireSameEmbedding(galleryCollection.Settings, embedder);
                var queries = await EmbeddedImageSets.EmbedAsync("query", FolderGallery.Read(folder.FullName), embedder, log, cancellation);
                string dataset = $"images {folder.FullName} against collection {galleryCollection.Settings.Name}";
                collectionReport = StagedProgress.Run(log, progress => CollectionRetrieval.Evaluate(galleryCollection, dataset, EmbeddedImageSets.Rows(queries, embedder.Dimension), settings, progress, cancellation));
            }
            else
            {
                var queries = result.GetValue(queryCollection) is { } name ? Existing(database, name) : null;
                collectionReport = StagedProgress.Run(log, progress => CollectionRetrieval.Evaluate(galleryCollection, queries, settings, progress, cancellation));
            }
            EvaluationOutput.Emit(collectionReport, result.GetValue(json) ?? EvaluationOutput.DefaultPath(database.Directory, "retrieval"), output, log);
            return 0;
        }));
        return command;
    }

    /// <summary>True when the user left <paramref name="option"/> out and its default applies.</summary>
    private static bool IsDefault(System.CommandLine.ParseResult result, Option option) => result.GetResult(option) is null or { Implicit: true };

    /// <summary>The named collection, or a user error naming the ones there are.</summary>
    public static VectorCollection Existing(VectorDatabase database, string name) =>
        database.TryGetCollection(name) ?? throw new ArgumentException($"Database {database.Directory} has no collection '{name}'; it has: {string.Join(", ", database.CollectionNames())}.");

    private static void RequireSameEmbedding(CollectionSettings gallery, ImageEmbedder embedder)
    {
        if (gallery.Model is null)
            throw new ArgumentException($"Collection '{gallery.Name}' records no model, so query images cannot be embedded to match it; embed them yourself and pass --query-vectors.");
        if (EmbeddingCompatibility.Mismatch(gallery.Model, gallery.Preprocessing, embedder.Model) is { } mismatch)
            throw new ArgumentException($"Collection '{gallery.Name}' cannot be queried with --model's embeddings: {mismatch}. Query and gallery embeddings must come from the same model and preprocessing.");
        if (DetectorIdentity.Mismatch(gallery.Detector, embedder.Faces?.Detector) is { } faces)
            throw new ArgumentException($"Collection '{gallery.Name}' cannot be queried with these faces: {faces}. Detect the query photos as its own were (--detector, --det-threshold, --det-size).");
    }
}
