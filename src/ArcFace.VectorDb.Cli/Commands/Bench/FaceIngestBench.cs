using System.Diagnostics;
using ArcFace.VectorDb.Embedding.Detection;
using ArcFace.VectorDb.Embedding.Images;
using ArcFace.VectorDb.Embedding.Ingest;
using ArcFace.VectorDb.Embedding.Preprocessing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace ArcFace.VectorDb.Cli.Commands.Bench;

/// <summary>
/// What `arcvdb bench ingest --detector` measured on a folder of photos. Where the time goes: decode and align + tensor
/// on one thread; the detector and the recogniser each alone on tensors made in advance. The target: the ingest with
/// detection (one pass) takes no longer than detection alone (decode + detect every photo, as `arcvdb detect` does) plus
/// embedding alone (the ingest of the same faces as aligned crops, as `arcvdb ingest` of a crop folder does), run back
/// to back. Also the ingest of the photos whole, without detection.
/// </summary>
internal sealed record FaceIngestBenchReport(
    string Model, string Detector, string Provider, string Gallery, int Photos, int Faces, int Rounds, int Workers,
    double DecodePhotosPerSecondOneThread, double AlignFacesPerSecondOneThread,
    double DetectorSessionSeconds, double RecogniserSessionSeconds,
    double DetectionPassSeconds, double EmbeddingPassSeconds, double DetectionPlusEmbeddingSeconds,
    double IngestWithDetectionSeconds, double IngestWithDetectionPhotosPerSecond, double IngestWithoutDetectionPhotosPerSecond,
    double IngestOverDetectionPlusEmbedding, double IngestOverSessionsAlone, bool TargetMet);

/// <summary>
/// Measures each part round by round, after one uncounted warm-up round, on the same photos; times are averaged over
/// the counted rounds, and every round measures every part, so slow spells of a shared machine touch them alike.
/// </summary>
internal static class FaceIngestBench
{
    /// <summary>Runs the benchmark; every photo must decode (a gallery of photos to measure, not to clean).</summary>
    public static async Task<FaceIngestBenchReport> RunAsync(ImageEmbedder embedder, IReadOnlyList<GalleryItem> items, string gallery, IngestOptions options, int rounds, string workFolder, ProgressLog log)
    {
        var faces = embedder.Faces ?? throw new ArgumentException("The face ingest benchmark needs a detector.");
        var model = embedder.Model;
        var photos = items.Select(item => ImageDecoding.Decode(item.Path, embedder.Limits).Image ?? throw new ArgumentException($"{item.Path} cannot be decoded; benchmark a gallery of usable photos.")).ToArray();
        try
        {
            double decodeRate = IngestBench.SteadyRate(() => DecodeAll(items, embedder.Limits));
            var found = faces.Detector.Detect(photos);
            var crops = photos.SelectMany((photo, i) => FaceSelection.Select(found[i], faces.Choice, photo.Width, photo.Height, faces.MinFace).Select(face => (Photo: photo, Face: face))).ToArray();
            var tensors = new float[crops.Length * model.Spec.TensorLength];
            double alignRate = IngestBench.SteadyRate(() => AlignAll(crops, model.Spec, tensors));
            var cropItems = CropItems(crops, model.Spec);
            log.Line($"{photos.Length} photos, {crops.Length} faces; one thread: decode {decodeRate:F0} photos/s, align + tensor {alignRate:F0} faces/s");

            var embeddings = new float[crops.Length * model.Dimension];
            var whole = new ImageEmbedder(model, null, embedder.Limits);
            var sums = new double[7];
            string root = Path.Combine(workFolder, $"arcvdb-face-bench-{Guid.NewGuid():N}");
            try
            {
                for (int round = 0; round <= rounds; round++)
                {
                    double[] times =
                    [
                        Time(() => faces.Detector.Detect(photos)),
                        Time(() => model.Embed(tensors, crops.Length, embeddings)),
                        Time(() => DetectionPass(faces.Detector, items, embedder.Limits)),
                        (await IngestBench.IngestIntoNewCollectionAsync(whole, cropItems, options, Path.Combine(root, $"crops{round}"))).Seconds,
                        (await IngestBench.IngestIntoNewCollectionAsync(embedder, items, options, Path.Combine(root, $"faces{round}"))).Seconds,
                        (await IngestBench.IngestIntoNewCollectionAsync(whole, items, options, Path.Combine(root, $"whole{round}"))).Seconds,
                    ];
                    log.Line(FormattableString.Invariant($"{(round == 0 ? "warm-up" : $"round {round}/{rounds}")}: sessions alone {times[0]:F2} + {times[1]:F2} s; ") +
                        FormattableString.Invariant($"detection pass {times[2]:F2} s + embedding pass {times[3]:F2} s = {times[2] + times[3]:F2} s; ingest with detection {times[4]:F2} s; whole photos {times[5]:F2} s"));
                    for (int i = 0; round > 0 && i < times.Length; i++)
                        sums[i] += times[i];
                }
            }
            finally
            {
                if (Directory.Exists(root))
                    Directory.Delete(root, recursive: true);
            }
            var (detector, recogniser, detection, embedding, ingest, ingestWhole) = (sums[0] / rounds, sums[1] / rounds, sums[2] / rounds, sums[3] / rounds, sums[4] / rounds, sums[5] / rounds);
            double ratio = ingest / (detection + embedding);
            return new FaceIngestBenchReport(model.ModelId, faces.Detector.Description, model.Provider, gallery, photos.Length, crops.Length, rounds, options.WorkerCount,
                decodeRate, alignRate, detector, recogniser, detection, embedding, detection + embedding, ingest, photos.Length / ingest, photos.Length / ingestWhole,
                ratio, ingest / (detector + recogniser), ratio <= 1);
        }
        finally
        {
            foreach (var photo in photos)
                photo.Dispose();
        }
    }

    private static double Time(Action work)
    {
        var clock = Stopwatch.StartNew();
        work();
        return clock.Elapsed.TotalSeconds;
    }

    private static int DecodeAll(IReadOnlyList<GalleryItem> items, DecodeLimits limits)
    {
        foreach (var item in items)
            ImageDecoding.Decode(item.Path, limits).Image?.Dispose();
        return items.Count;
    }

    /// <summary>Detection on its own, as a separate tool would run it: decode each batch of photos, detect, let them go.</summary>
    private static void DetectionPass(FaceDetector detector, IReadOnlyList<GalleryItem> items, DecodeLimits limits)
    {
        foreach (var batch in items.Chunk(detector.BatchSize))
        {
            var photos = batch.Select(item => ImageDecoding.Decode(item.Path, limits).Image!).ToArray();
            detector.Detect(photos);
            foreach (var photo in photos)
                photo.Dispose();
        }
    }

    private static int AlignAll((Image<Rgb24> Photo, DetectedFace Face)[] crops, PreprocessSpec spec, float[] tensors)
    {
        for (int i = 0; i < crops.Length; i++)
        {
            using var aligned = FaceAlignment.Align(crops[i].Photo, crops[i].Face.Landmarks, spec.ResizeWidth, spec.ResizeHeight);
            TensorWriter.Write(aligned, spec, tensors.AsSpan(i * spec.TensorLength, spec.TensorLength));
        }
        return crops.Length;
    }

    /// <summary>The aligned faces as PNG files in memory: the gallery that embedding alone ingests.</summary>
    private static GalleryItem[] CropItems((Image<Rgb24> Photo, DetectedFace Face)[] crops, PreprocessSpec spec)
    {
        var items = new GalleryItem[crops.Length];
        for (int i = 0; i < crops.Length; i++)
        {
            using var aligned = FaceAlignment.Align(crops[i].Photo, crops[i].Face.Landmarks, spec.ResizeWidth, spec.ResizeHeight);
            using var png = new MemoryStream();
            aligned.SaveAsPng(png);
            string name = $"crop{i}.png";
            items[i] = new GalleryItem(name, name, "", StableIds.ForKey(name), Content: png.ToArray());
        }
        return items;
    }
}
