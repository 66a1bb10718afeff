namespace ArcFace.VectorDb.Storage.Log;

/// <summary>A log entry that failed validation during a scan and was skipped: where it is and why.</summary>
public readonly record struct DamagedRecord(long Address, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"log address {Address}: {Reason}";
}
