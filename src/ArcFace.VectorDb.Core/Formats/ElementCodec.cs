namespace ArcFace.VectorDb.Core.Formats;

/// <summary>How elements stored in a file become in-memory elements of <typeparamref name="T"/>, read in bulk.</summary>
internal abstract class ElementCodec<T>
    where T : unmanaged
{
    /// <summary>Bytes per stored element.</summary>
    public abstract int StoredSize { get; }

    /// <summary>
    /// Reads <c>target.Length</c> stored elements into <paramref name="target"/> and returns the bytes read, fewer only where the
    /// stream ends; a value that does not fit <typeparamref name="T"/> throws, naming its row (rows of <paramref name="width"/>
    /// elements, the first being <paramref name="firstRow"/>).
    /// </summary>
    public abstract long Read(Stream stream, Span<T> target, string path, int width, long firstRow);
}
