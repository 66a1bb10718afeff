namespace ArcFace.VectorDb.Evaluation.Retrieval;

/// <summary>Maps label strings to dense int ids, shared by queries and gallery so equal labels get equal ids.</summary>
public sealed class LabelVocabulary
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    /// <summary>Number of distinct labels seen so far; ids run from 0 to Count − 1.</summary>
    public int Count => _ids.Count;

    /// <summary>The id of a label, assigning the next free id to a label not seen before.</summary>
    public int GetOrAdd(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (!_ids.TryGetValue(label, out int id))
        {
            id = _ids.Count;
            _ids.Add(label, id);
        }
        return id;
    }
}
