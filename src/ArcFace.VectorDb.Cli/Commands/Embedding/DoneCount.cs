using ArcFace.VectorDb.Embedding.Ingest;

namespace ArcFace.VectorDb.Cli.Commands.Embedding;

/// <summary>Feeds an ingest's progress (items done) to a console progress bar.</summary>
internal sealed class DoneCount(IProgress<int> done) : IProgress<IngestProgress>
{
    /// <inheritdoc />
    public void Report(IngestProgress value) => done.Report(value.Done);
}
