namespace ArcFace.VectorDb.Embedding.Ingest;

/// <summary>What an ingest did: counts, time, throughput, the provider that embedded and where the error report is (null when nothing was unusable).</summary>
public sealed record IngestSummary(int Total, int Ingested, int Skipped, int Failed, double Seconds, string Provider, string? ReportPath, bool Cancelled)
{
    /// <summary>Points written: one per image written, or one per face kept when faces are detected.</summary>
    public int Points { get; init; }

    /// <summary>Images written per second of the run.</summary>
    public double ImagesPerSecond => Ingested / Math.Max(Seconds, 1e-9);

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"{(Cancelled ? "stopped" : "ingested")}: {Ingested} of {Total} images written") +
        (Points != Ingested ? FormattableString.Invariant($" ({Points} points)") : "") +
        FormattableString.Invariant($", {Skipped} already present, {Failed} unusable; {Seconds:F1} s, {ImagesPerSecond:F0} images/s on {Provider}") +
        (ReportPath is { } report ? $"; error report: {report}" : "") +
        (Cancelled ? ". Everything written is committed; run again with --resume to continue." : "");
}
