using ArcFace.VectorDb.Core.Quantization;
using ArcFace.VectorDb.Server.Services;
using Grpc.Core;
using Prometheus;

namespace ArcFace.VectorDb.Server.Observability;

/// <summary>
/// One server's Prometheus metrics, in a registry of its own (servers in one process never mix numbers): gRPC calls by
/// method and status, their durations, points and images written, and each collection's size, read at scrape time.
/// </summary>
public sealed class ServerMetrics
{
    /// <summary>Call durations from 50 µs (a cached read) to 10 s (a large batch), about three buckets a decade.</summary>
    private static readonly double[] DurationBuckets = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly ICollectionDescriptions collections;
    private readonly Counter requests;
    private readonly Histogram durations;
    private readonly Gauge collectionPoints;
    private readonly Gauge collectionDiskBytes;
    private readonly Gauge collectionIndexMemoryBytes;
    private readonly Gauge collectionRerankBytes;
    private readonly Gauge collectionQuantization;
    private readonly Counter pointsWritten;
    private readonly Counter imagesIngested;

    /// <summary>Creates the metrics of a server whose collections <paramref name="collections"/> describes.</summary>
    public ServerMetrics(ICollectionDescriptions collections)
    {
        this.collections = collections;
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        requests = factory.CreateCounter("arcvdb_grpc_requests_total", "gRPC calls finished, by method and status code.", "method", "code");
        durations = factory.CreateHistogram("arcvdb_grpc_request_duration_seconds", "gRPC call durations, by method.",
            new HistogramConfiguration { LabelNames = ["method"], Buckets = DurationBuckets });
        collectionPoints = factory.CreateGauge("arcvdb_collection_points", "Points in each collection.", "collection");
        collectionDiskBytes = factory.CreateGauge("arcvdb_collection_disk_bytes", "Bytes each collection takes on disk.", "collection");
        collectionIndexMemoryBytes = factory.CreateGauge("arcvdb_collection_index_memory_bytes", "Bytes each collection's index holds in memory: graph and codes (float32 vectors without quantisation).", "collection");
        collectionRerankBytes = factory.CreateGauge("arcvdb_collection_rerank_bytes", "Bytes of each quantised collection's re-rank file of exact vectors (memory-mapped; 0 without quantisation).", "collection");
        collectionQuantization = factory.CreateGauge("arcvdb_collection_quantization", "1 for each collection, labelled with its quantisation (none, int8 or binary).", "collection", "quantization");
        pointsWritten = factory.CreateCounter("arcvdb_points_written_total", "Points upserted, by collection.", "collection");
        imagesIngested = factory.CreateCounter("arcvdb_images_ingested_total", "Images embedded and stored, by collection.", "collection");
        Registry.AddBeforeCollectCallback(RefreshCollectionsAsync);
    }

    /// <summary>The registry /metrics exports.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Counts a finished call and its duration.</summary>
    public void RequestFinished(string method, StatusCode code, TimeSpan elapsed)
    {
        requests.WithLabels(method, StatusCodeNames.Of(code)).Inc();
        durations.WithLabels(method).Observe(elapsed.TotalSeconds);
    }

    /// <summary>Counts points upserted into a collection.</summary>
    public void PointsWritten(string collection, int count) => pointsWritten.WithLabels(collection).Inc(count);

    /// <summary>Counts images embedded and stored into a collection.</summary>
    public void ImagesIngested(string collection, int count) => imagesIngested.WithLabels(collection).Inc(count);

    /// <summary>Sets each collection's gauges from their descriptions, and drops those of collections that are gone.</summary>
    private async Task RefreshCollectionsAsync(CancellationToken cancellation)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var info in await collections.DescribeAsync(cancellation))
        {
            names.Add(info.Name);
            collectionPoints.WithLabels(info.Name).Set(info.Count);
            collectionDiskBytes.WithLabels(info.Name).Set(info.DiskBytes);
            collectionIndexMemoryBytes.WithLabels(info.Name).Set(info.IndexMemoryBytes);
            collectionRerankBytes.WithLabels(info.Name).Set(info.RerankBytes);
            collectionQuantization.WithLabels(info.Name, info.Quantization.FromProto().Name()).Set(1);
        }
        foreach (var labels in collectionPoints.GetAllLabelValues().ToList())
        {
            if (!names.Contains(labels[0]))
            {
                collectionPoints.RemoveLabelled(labels);
                collectionDiskBytes.RemoveLabelled(labels);
                collectionIndexMemoryBytes.RemoveLabelled(labels);
                collectionRerankBytes.RemoveLabelled(labels);
            }
        }
        foreach (var labels in collectionQuantization.GetAllLabelValues().ToList())
        {
            if (!names.Contains(labels[0]))
                collectionQuantization.RemoveLabelled(labels);
        }
    }
}
