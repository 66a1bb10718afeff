using System.Reflection;
using System.Runtime.InteropServices;
using static System.FormattableString;

namespace ArcFace.VectorDb.Evaluation.Reports;

/// <summary>When, on which machine and by which ArcFace.VectorDb version a report was made; every report carries one.</summary>
/// <param name="CreatedUtc">When the report was made, UTC to the second (ISO-8601 in JSON).</param>
/// <param name="Os">The operating system, as the runtime describes it.</param>
/// <param name="ProcessorCount">Logical processors the process could use.</param>
/// <param name="Cpu">The CPU model from /proc/cpuinfo, or the processor architecture where that is unreadable.</param>
/// <param name="Version">The ArcFace.VectorDb informational version (version+commit).</param>
public sealed record ReportOrigin(DateTime CreatedUtc, string Os, int ProcessorCount, string Cpu, string Version)
{
    private const string CpuInfoPath = "/proc/cpuinfo";

    private static readonly Lazy<string> ThisCpu = new(() => CpuModel(ReadCpuInfo()));

    private static readonly string ThisVersion =
        typeof(ReportOrigin).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>A report made now, on this machine, by this build.</summary>
    public static ReportOrigin Now()
    {
        long ticks = DateTime.UtcNow.Ticks;
        var created = new DateTime(ticks - ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        return new ReportOrigin(created, RuntimeInformation.OSDescription, Environment.ProcessorCount, ThisCpu.Value, ThisVersion);
    }

    /// <summary>The Markdown list item that says where the report comes from, ending in a newline.</summary>
    public string MarkdownLine() =>
        Invariant($"- made: {CreatedUtc:yyyy-MM-ddTHH:mm:ssZ} on {Os} ({ProcessorCount} processors, {Cpu}), ArcFace.VectorDb {Version}\n");

    /// <summary>The first "model name" of a /proc/cpuinfo text, or the processor architecture when there is none.</summary>
    internal static string CpuModel(string? cpuInfo)
    {
        foreach (string line in (cpuInfo ?? "").Split('\n'))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim() == "model name" && line[(colon + 1)..].Trim() is { Length: > 0 } model)
                return model;
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string? ReadCpuInfo()
    {
        try
        {
            return File.Exists(CpuInfoPath) ? File.ReadAllText(CpuInfoPath) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
