namespace ArcFace.VectorDb.Server.Observability;

/// <summary>How the server's console log is written.</summary>
public enum LogFormat
{
    /// <summary>One readable line per event.</summary>
    Text,

    /// <summary>One JSON object per line, fields under "State".</summary>
    Json,
}
