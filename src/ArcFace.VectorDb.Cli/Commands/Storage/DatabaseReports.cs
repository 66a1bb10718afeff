using System.Globalization;

namespace ArcFace.VectorDb.Cli.Commands.Storage;

/// <summary>Where commands run against a database put their reports when not told: DB/reports/NAME-TIME.EXTENSION.</summary>
internal static class DatabaseReports
{
    /// <summary>The default path of a report named <paramref name="name"/>, stamped with the UTC time to the second.</summary>
    public static string PathFor(string databaseDirectory, string name, string extension) =>
        Path.Combine(databaseDirectory, "reports", string.Create(CultureInfo.InvariantCulture, $"{name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.{extension}"));
}
