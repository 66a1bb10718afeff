using System.Runtime.CompilerServices;
using System.Text.Json;
using ArcFace.VectorDb.Embedding.Images;
using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Embedding.Onnx;
using ArcFace.VectorDb.Embedding.Preprocessing;
using ArcFace.VectorDb.Embedding.Tests.Onnx;
using ArcFace.VectorDb.Storage;
using ArcFace.VectorDb.Testing;
using ArcFace.VectorDb.Testing.Images;

namespace ArcFace.VectorDb.Ingestion.Tests;

/// <summary>The ingest pipeline end to end (real files, real ONNX session, real collection) with the closed-form pooled model.</summary>
public class IngestPipelineTests
{
    private const int GoodImages = 60;

    [Fact]
    public async Task A_gallery_with_every_kind_of_bad_file_ingests_all_good_images_and_reports_each_bad_one_with_its_reason()
    {
        using var dir = new TempDirectory();
        var gallery = WriteGallery(dir.File("gallery"), withBadFiles: true);

        var (summary, count, report) = await IngestAsync(dir, gallery);

        var reported = report.Select(line => JsonSerializer.Deserialize<JsonElement>(line)).ToDictionary(e => Path.GetFileName(e.GetProperty("path").GetString()!), e => e.GetProperty("reason").GetString()!);
        Assert.Equal(GoodImages, summary.Ingested);
        Assert.Equal(GoodImages, count);
        Assert.Equal(GalleryFiles.Unusable().Count, summary.Failed);
        Assert.Equal(GoodImages + summary.Failed, summary.Total);
        Assert.False(summary.Cancelled);
        foreach (var (name, _, reason) in GalleryFiles.Unusable())
            Assert.True(reported.TryGetValue(name, out var why) && why.Contains(reason), $"{name}: reported '{why}', expected '{reason}'");
    }

    [Fact]
    public async Task Stored_vectors_labels_and_sources_equal_embedding_each_file_on_its_own()
    {
        using var dir = new TempDirectory();
        var gallery = WriteGallery(dir.File("gallery"), withBadFiles: false);
        using var embedder = Open("pooled-dynamic-batch.onnx");
        var tensor = new float[embedder.Spec.TensorLength];
        var expected = new float[embedder.Dimension];

        await using var database = VectorDatabase.Create(dir.File("db"));
        var collection = await IngestTarget.OpenAsync(database, "g", new ImageEmbedder(embedder));
        using (var report = new ErrorReport(dir.File("errors.jsonl")))
            await new IngestPipeline(new ImageEmbedder(embedder), new CollectionSink(collection), new IngestOptions { Workers = 3 }, report).RunAsync(gallery);

        foreach (var item in gallery)
        {
            Assert.Null(ImagePreparation.Prepare(item, embedder.Spec, new DecodeLimits(), tensor));
            embedder.Embed(tensor, 1, expected);
            var stored = collection.Get(item.Id);
            Assert.NotNull(stored);
            Assert.Equal(item.Label, stored.Label);
            Assert.Equal(item.Key, stored.Source);
            Assert.Equal(expected, stored.Vector.ToArray(), (a, b) => Math.Abs(a - b) < 1e-6); // the collection normalises again
        }
    }

    [Fact]
    public async Task Re_ingesting_never_duplicates_and_resume_skips_what_is_present()
    {
        using var dir = new TempDirectory();
        var gallery = WriteGallery(dir.File("gallery"), withBadFiles: false);

        var first = await IngestAsync(dir, gallery);
        var again = await IngestAsync(dir, gallery);
        var resumed = await IngestAsync(dir, gallery, resume: true);

        Assert.Equal((GoodImages, GoodImages), (first.Summary.Ingested, first.Count));
        Assert.Equal((GoodImages, GoodImages), (again.Summary.Ingested, again.Count));
        Assert.Equal((0, GoodImages, GoodImages), (resumed.Summary.Ingested, resumed.Summary.Skipped, resumed.Count));
    }

    [Fact]
    public async Task Cancelling_keeps_what_was_written_and_resume_completes_exactly()
    {
        using var dir = new TempDirectory();
        var gallery = WriteGallery(dir.File("gallery"), withBadFiles: false, count: 400);
        using var cancel = new CancellationTokenSource();
        var progress = new CancelAfter(cancel, written: 64);

        var stopped = await IngestAsync(dir, gallery, batch: 16, progress: progress, cancellation: cancel.Token);
        var resumed = await IngestAsync(dir, gallery, resume: true);

        Assert.True(stopped.Summary.Cancelled);
        Assert.InRange(stopped.Summary.Ingested, 64, 399);
        Assert.Equal(stopped.Summary.Ingested, stopped.Count);
        Assert.Equal(stopped.Summary.Ingested, resumed.Summary.Skipped);
        Assert.Equal(400, resumed.Count);
    }

    [Fact]
    public async Task A_stopped_ingest_counts_its_summary_against_the_same_total_as_its_progress()
    {
        using var dir = new TempDirectory();
        var gallery = WriteGallery(dir.File("gallery"), withBadFiles: false, count: 20);
        using var embedder = Open("pooled-dynamic-batch.onnx", batch: 8);
        await using var database = VectorDatabase.Create(dir.File("db"));
        var collection = await IngestTarget.OpenAsync(database, "g", new ImageEmbedder(embedder));
        using var cancel = new CancellationTokenSource();
        var progress = new CancelAfter(cancel, written: 8);

        IngestSummary summary;
        using (var report = new ErrorReport(dir.File("errors.jsonl")))
            summary = await new IngestPipeline(new ImageEmbedder(embedder), new CollectionSink(collection), new IngestOptions(), report).RunAsync(ThenWait(gallery), total: 100, progress, cancel.Token);

        Assert.True(summary.Cancelled);
        Assert.InRange(summary.Ingested, 8, 20);
        Assert.Equal((100, 100), (progress.Last.Total, summary.Total));
        Assert.StartsWith($"stopped: {summary.Ingested} of 100 images written", summary.ToString());
    }

    [Fact]
    public async Task A_model_with_a_fixed_batch_of_1_ingests_through_the_same_pipeline()
    {
        using var dir = new TempDirectory();
        var gallery = WriteGallery(dir.File("gallery"), withBadFiles: false);

        var (summary, count, _) = await IngestAsync(dir, gallery, model: "pooled-batch-1.onnx");

        Assert.Equal((GoodImages, GoodImages), (summary.Ingested, count));
    }

    [Fact]
    public async Task A_collection_made_by_another_model_or_preprocessing_is_refused_and_the_provider_is_recorded()
    {
        using var dir = new TempDirectory();
        await using var database = VectorDatabase.Create(dir.File("db"));
        using var dynamic = Open("pooled-dynamic-batch.onnx");
        using var fixedBatch = Open("pooled-batch-1.onnx");
        using var flipped = OnnxEmbedder.Open(new EmbedderOptions { ModelPath = TestModels.Path("pooled-dynamic-batch.onnx"), Flip = true }, new PreprocessChoice());

        var collection = await IngestTarget.OpenAsync(database, "c", new ImageEmbedder(dynamic));
        var otherModel = await Assert.ThrowsAsync<ArgumentException>(() => IngestTarget.OpenAsync(database, "c", new ImageEmbedder(fixedBatch)));
        var otherPreprocessing = await Assert.ThrowsAsync<ArgumentException>(() => IngestTarget.OpenAsync(database, "c", new ImageEmbedder(flipped)));

        Assert.Equal(InferenceSessions.CpuProvider, collection.Settings.Provider);
        Assert.StartsWith("pooled-dynamic-batch.onnx sha256:", collection.Settings.Model);
        Assert.Contains($"was made by {dynamic.ModelId}, not {fixedBatch.ModelId}", otherModel.Message);
        Assert.Contains("flip=on", otherPreprocessing.Message);
    }

    [Fact]
    public async Task A_byte_identical_model_under_another_file_name_ingests_into_the_collection_its_original_made()
    {
        using var dir = new TempDirectory();
        var gallery = WriteGallery(dir.File("gallery"), withBadFiles: false, count: 6);
        string renamed = dir.File("renamed.onnx");
        File.Copy(TestModels.Path("pooled-dynamic-batch.onnx"), renamed);
        await using var database = VectorDatabase.Create(dir.File("db"));
        using var original = Open("pooled-dynamic-batch.onnx");
        using var copy = OnnxEmbedder.Open(new EmbedderOptions { ModelPath = renamed }, new PreprocessChoice());
        await IngestTarget.OpenAsync(database, "c", new ImageEmbedder(original));

        var collection = await IngestTarget.OpenAsync(database, "c", new ImageEmbedder(copy));
        using (var report = new ErrorReport(dir.File("errors.jsonl")))
            await new IngestPipeline(new ImageEmbedder(copy), new CollectionSink(collection), new IngestOptions(), report).RunAsync(gallery);

        Assert.Equal(6, collection.Count);
        Assert.StartsWith("pooled-dynamic-batch.onnx sha256:", collection.Settings.Model);
    }

    /// <summary>Writes <paramref name="count"/> good PNG/JPEG photos over three labels (plus the unusable files under "bad") and reads the gallery.</summary>
    internal static IReadOnlyList<GalleryItem> WriteGallery(string root, bool withBadFiles, int count = GoodImages)
    {
        for (int i = 0; i < count; i++)
        {
            string folder = Path.Combine(root, $"label{i % 3}");
            Directory.CreateDirectory(folder);
            bool png = i % 2 == 0;
            File.WriteAllBytes(Path.Combine(folder, $"img{i:D4}.{(png ? "png" : "jpg")}"), GalleryFiles.Photo(png, 40 + i % 7, 30 + i % 5, seed: i));
        }
        if (withBadFiles)
        {
            Directory.CreateDirectory(Path.Combine(root, "bad"));
            foreach (var (name, bytes, _) in GalleryFiles.Unusable())
                File.WriteAllBytes(Path.Combine(root, "bad", name), bytes);
        }
        return FolderGallery.Read(root);
    }

    private static OnnxEmbedder Open(string model, int batch = 32) =>
        OnnxEmbedder.Open(new EmbedderOptions { ModelPath = TestModels.Path(model), BatchSize = batch }, new PreprocessChoice());

    private static async Task<(IngestSummary Summary, int Count, string[] Report)> IngestAsync(
        TempDirectory dir, IReadOnlyList<GalleryItem> gallery, bool resume = false, string model = "pooled-dynamic-batch.onnx", int batch = 32,
        IProgress<IngestProgress>? progress = null, CancellationToken cancellation = default)
    {
        using var embedder = Open(model, batch);
        await using var database = VectorDatabase.OpenOrCreate(dir.File("db"));
        var collection = await IngestTarget.OpenAsync(database, "g", new ImageEmbedder(embedder));
        string reportPath = dir.File($"errors-{Guid.NewGuid():N}.jsonl");
        IngestSummary summary;
        using (var report = new ErrorReport(reportPath))
            summary = await new IngestPipeline(new ImageEmbedder(embedder), new CollectionSink(collection), new IngestOptions { Resume = resume, Workers = 2 }, report).RunAsync(gallery, progress, cancellation);
        Assert.Equal(summary.Failed > 0 ? reportPath : null, summary.ReportPath);
        Assert.Equal(summary.Failed > 0, File.Exists(reportPath));
        return (summary, collection.Count, summary.ReportPath is { } written ? File.ReadAllLines(written) : []);
    }

    /// <summary>The items, then a source that has nothing more until the run is cancelled (a stream still open).</summary>
    private static async IAsyncEnumerable<GalleryItem> ThenWait(IReadOnlyList<GalleryItem> items, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        foreach (var item in items)
            yield return item;
        await Task.Delay(Timeout.Infinite, cancellation);
    }

    /// <summary>Cancels once at least <paramref name="written"/> items are done; keeps the last report.</summary>
    private sealed class CancelAfter(CancellationTokenSource cancel, int written) : IProgress<IngestProgress>
    {
        private readonly Lock gate = new();
        private IngestProgress last;

        public IngestProgress Last
        {
            get
            {
                lock (gate)
                    return last;
            }
        }

        public void Report(IngestProgress value)
        {
            lock (gate)
                last = value;
            if (value.Done >= written)
                cancel.Cancel();
        }
    }
}
