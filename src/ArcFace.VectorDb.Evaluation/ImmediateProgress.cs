namespace ArcFace.VectorDb.Evaluation;

/// <summary>An IProgress that handles each report on the reporting thread, in order (Progress&lt;T&gt; posts them to the pool, where a late one could land after the final state).</summary>
public sealed class ImmediateProgress<T>(Action<T> handler) : IProgress<T>
{
    /// <inheritdoc />
    public void Report(T value) => handler(value);
}
