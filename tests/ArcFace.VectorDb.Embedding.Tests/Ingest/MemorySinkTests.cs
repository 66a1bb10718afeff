using ArcFace.VectorDb.Embedding.Images;
using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Embedding.Onnx;
using ArcFace.VectorDb.Embedding.Preprocessing;
using ArcFace.VectorDb.Embedding.Tests.Onnx;
using ArcFace.VectorDb.Testing;
using ArcFace.VectorDb.Testing.Images;

namespace ArcFace.VectorDb.Embedding.Tests.Ingest;

/// <summary>The pipeline with nothing but memory behind it: what the evaluations embed their images with.</summary>
public class MemorySinkTests
{
    [Fact]
    public async Task The_pipeline_into_memory_gives_each_image_the_vector_it_gets_on_its_own_and_reports_bad_files()
    {
        using var dir = new TempDirectory();
        var items = new List<GalleryItem>();
        for (int i = 0; i < 12; i++)
        {
            string path = dir.File($"img{i}.png");
            File.WriteAllBytes(path, GalleryFiles.Photo(png: true, 30 + i, 20 + i, seed: i));
            items.Add(new GalleryItem(path, $"img{i}.png", $"label{i % 2}", (ulong)i + 1));
        }
        File.WriteAllBytes(dir.File("broken.png"), [1, 2, 3]);
        items.Add(new GalleryItem(dir.File("broken.png"), "broken.png", "x", 99));
        using var model = OnnxEmbedder.Open(new EmbedderOptions { ModelPath = TestModels.Path("pooled-dynamic-batch.onnx"), BatchSize = 5 }, new PreprocessChoice());
        var embedder = new ImageEmbedder(model);
        var sink = new EmbeddingList();

        IngestSummary summary;
        using (var report = new ErrorReport(dir.File("errors.jsonl")))
            summary = await new IngestPipeline(embedder, sink, new IngestOptions { Workers = 2 }, report).RunAsync(items);

        Assert.Equal((12, 12, 1), (summary.Ingested, summary.Points, summary.Failed));
        Assert.Equal(12, sink.Points.Count);
        foreach (var point in sink.Points)
        {
            var alone = embedder.Embed(point.Item);
            Assert.Null(alone.Problem);
            Assert.Equal((point.Item.Id, point.Item.Label, point.Item.Key), (point.Id, point.Label, point.Source));
            Assert.Equal(alone.Points[0].Vector, point.Vector);
        }
        Assert.Contains("broken.png", File.ReadAllText(dir.File("errors.jsonl")));
    }

    [Fact]
    public void The_embedding_library_knows_nothing_of_storage()
    {
        var references = typeof(ImageEmbedder).Assembly.GetReferencedAssemblies().Select(name => name.Name).ToArray();

        Assert.DoesNotContain("ArcFace.VectorDb.Storage", references);
        Assert.DoesNotContain("Microsoft.FASTER.Core", references);
    }
}
