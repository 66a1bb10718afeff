using System.Globalization;

namespace ArcFace.VectorDb.Storage;

/// <summary>Where work run against a database (CLI commands, server streams) puts its reports when not told: DB/reports/NAME-TIME.EXTENSION.</summary>
public static class DatabaseReports
{
    /// <summary>The default path of a report named <paramref name="name"/>, stamped with the UTC time to the second.</summary>
    public static string PathFor(string databaseDirectory, string name, string extension) =>
        Path.Combine(databaseDirectory, "reports", string.Create(CultureInfo.InvariantCulture, $"{name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.{extension}"));
}
