using ArcFace.VectorDb.Evaluation.Collections;
using ArcFace.VectorDb.Storage;

namespace ArcFace.VectorDb.Server.Services;

/// <summary>A single node's collections for the Evaluation service.</summary>
internal sealed class DatabaseEvaluationTargets(VectorDatabase database) : IEvaluationTargets
{
    /// <inheritdoc />
    public Task<IEvaluationTarget> ExistingAsync(string name) => Task.FromResult<IEvaluationTarget>(new LocalEvaluationTarget(database.Existing(name)));
}
