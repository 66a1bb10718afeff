namespace ArcFace.VectorDb.Cli.Data;

/// <summary>A data set that is missing or malformed; the message says what to do, and is shown without a stack trace.</summary>
internal sealed class DatasetException : Exception
{
    /// <summary>Creates the error with a message for the user.</summary>
    public DatasetException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a message for the user and the failure behind it.</summary>
    public DatasetException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
