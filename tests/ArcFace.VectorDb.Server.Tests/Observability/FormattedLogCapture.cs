using ArcFace.VectorDb.Server.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace ArcFace.VectorDb.Server.Tests.Observability;

/// <summary>
/// A logger provider that writes through the very console formatter `arcvdb serve --log-format` configures
/// (ConsoleLogs.AddConsoleLogs), into lines kept in memory instead of stdout.
/// </summary>
internal sealed class FormattedLogCapture : ILoggerProvider
{
    private readonly ServiceProvider services;
    private readonly ConsoleFormatter formatter;
    private readonly List<string> lines = [];

    public FormattedLogCapture(LogFormat format)
    {
        services = new ServiceCollection().AddLogging(logging => logging.AddConsoleLogs(format)).BuildServiceProvider();
        string name = format == LogFormat.Json ? ConsoleFormatterNames.Json : ConsoleFormatterNames.Simple;
        formatter = services.GetServices<ConsoleFormatter>().Single(f => f.Name == name);
    }

    /// <summary>Every line written so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines)
                return [.. lines];
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() => services.Dispose();

    private sealed class Logger(FormattedLogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            using var text = new StringWriter();
            capture.formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), null, text);
            lock (capture.lines)
                capture.lines.AddRange(text.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        }
    }
}
