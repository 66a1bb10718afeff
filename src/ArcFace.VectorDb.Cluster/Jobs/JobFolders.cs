using System.Net;
using ArcFace.VectorDb.Cluster.Hosting;

namespace ArcFace.VectorDb.Cluster.Jobs;

/// <summary>Where a cluster keeps evaluation jobs: DATA/jobs/ADDRESS-PORT/, one folder per silo, which every silo reads.</summary>
internal static class JobFolders
{
    /// <summary>The folder holding every silo's job folder.</summary>
    public static string Root(string data) => Path.Combine(Path.GetFullPath(data), ClusterServer.JobsFolderName);

    /// <summary>The name of a silo's job folder.</summary>
    public static string Name(IPAddress address, int port) => $"{address}-{port}";

    /// <summary>True for an id that can only name a job file (ASCII letters, digits, '-' and '_'), so a caller's id never reaches another path.</summary>
    public static bool IsJobId(string id) => id.Length is > 0 and <= 128 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
