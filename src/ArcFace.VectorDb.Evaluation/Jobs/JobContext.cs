namespace ArcFace.VectorDb.Evaluation.Jobs;

/// <summary>What a running job's body gets: a folder of its own for report files, progress, cancellation and its thread budget.</summary>
public sealed record JobContext(string Folder, IProgress<EvaluationProgress> Progress, int MaxThreads, CancellationToken Cancellation);

/// <summary>What a finished job's body returns: its report (serialised as the job's result) and the files it wrote.</summary>
public sealed record JobOutcome(object Report, IReadOnlyList<string> Files);
