using System.Text.Json;

namespace ArcFace.VectorDb.Evaluation.Jobs;

/// <summary>An evaluation job as stored and reported: what it evaluates, where it stands, and its result once it has one.</summary>
public sealed record JobRecord
{
    /// <summary>The job's id.</summary>
    public required string Id { get; init; }

    /// <summary>"retrieval" or "ann".</summary>
    public required string Kind { get; init; }

    /// <summary>What was asked, in words (collections and parameters).</summary>
    public required string Request { get; init; }

    /// <summary>Its state.</summary>
    public JobState State { get; init; } = JobState.Queued;

    /// <summary>The stage it is in.</summary>
    public string Stage { get; init; } = "";

    /// <summary>Work done in the stage.</summary>
    public long Done { get; init; }

    /// <summary>Work in the stage.</summary>
    public long Total { get; init; }

    /// <summary>When it was started.</summary>
    public DateTimeOffset Created { get; init; }

    /// <summary>When it began to run.</summary>
    public DateTimeOffset? Started { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? Finished { get; init; }

    /// <summary>Why it failed or was interrupted.</summary>
    public string? Error { get; init; }

    /// <summary>The report (the same JSON the CLI writes) once it succeeded.</summary>
    public JsonElement? Result { get; init; }

    /// <summary>The report files (JSON, Markdown, PNG) once it succeeded.</summary>
    public IReadOnlyList<string> ReportFiles { get; init; } = [];
}
