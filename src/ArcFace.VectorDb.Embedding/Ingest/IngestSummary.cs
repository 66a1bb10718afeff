namespace ArcFace.VectorDb.Embedding.Ingest;

/// <summary>What an ingest did: counts, time, throughput, the provider that embedded and where the error report is (null when nothing was unusable).</summary>
public sealed record IngestSummary(int Total, int Ingested, int Skipped, int Failed, double Seconds, string Provider, string? ReportPath, bool Cancelled)
{
    /// <summary>Points written: one per image written, or one per face kept when faces are detected.</summary>
    public int Points { get; init; }

    /// <summary>Photos in which no face was found (counted among the unusable ones).</summary>
    public int NoFace { get; init; }

    /// <summary>Whether faces were detected (each kept face a point) rather than images embedded whole.</summary>
    public bool DetectsFaces { get; init; }

    /// <summary>Images written per second of the run.</summary>
    public double ImagesPerSecond => Ingested / Math.Max(Seconds, 1e-9);

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"{(Cancelled ? "stopped" : "ingested")}: {Ingested} of {Total} images written") +
        (DetectsFaces ? FormattableString.Invariant($" ({Points} faces)") : "") +
        FormattableString.Invariant($", {Skipped} already present, {Failed} unusable") +
        (DetectsFaces ? FormattableString.Invariant($" ({NoFace} with no face found)") : "") +
        FormattableString.Invariant($"; {Seconds:F1} s, {ImagesPerSecond:F0} images/s on {Provider}") +
        (ReportPath is { } report ? $"; error report: {report}" : "") +
        (Cancelled ? ". Everything written is committed; run again with --resume to continue." : "");
}
