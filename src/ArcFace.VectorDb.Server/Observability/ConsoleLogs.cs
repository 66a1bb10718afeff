using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace ArcFace.VectorDb.Server.Observability;

/// <summary>The server's console log on stderr (stdout stays for command output): single-line text or one JSON object per line, UTC timestamps.</summary>
public static class ConsoleLogs
{
    private const string Timestamp = "yyyy-MM-ddTHH:mm:ss.fffZ";

    /// <summary>Adds the console logger with the formatter of <paramref name="format"/>.</summary>
    public static ILoggingBuilder AddConsoleLogs(this ILoggingBuilder logging, LogFormat format) => format == LogFormat.Json
        ? logging.AddConsole(ToStandardError).AddJsonConsole(json =>
        {
            json.UseUtcTimestamp = true;
            json.TimestampFormat = Timestamp;
            json.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
        })
        : logging.AddConsole(ToStandardError).AddSimpleConsole(text =>
        {
            text.SingleLine = true;
            text.UseUtcTimestamp = true;
            text.TimestampFormat = Timestamp + " ";
        });

    private static void ToStandardError(ConsoleLoggerOptions console) => console.LogToStandardErrorThreshold = LogLevel.Trace;
}
