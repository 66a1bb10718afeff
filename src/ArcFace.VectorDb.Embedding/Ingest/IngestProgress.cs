namespace ArcFace.VectorDb.Embedding.Ingest;

/// <summary>Where an ingest stands: items finished (written, skipped or failed) out of the total, and how many failed.</summary>
public readonly record struct IngestProgress(int Done, int Total, int Failed);
