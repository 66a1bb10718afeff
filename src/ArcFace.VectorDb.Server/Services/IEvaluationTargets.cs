using ArcFace.VectorDb.Evaluation.Collections;

namespace ArcFace.VectorDb.Server.Services;

/// <summary>The collections the Evaluation service reads, by name: a database's, or a cluster's sharded ones.</summary>
internal interface IEvaluationTargets
{
    /// <summary>The named collection as the evaluations read it; NOT_FOUND (CollectionNotFoundException) when there is none.</summary>
    Task<IEvaluationTarget> ExistingAsync(string name);
}
