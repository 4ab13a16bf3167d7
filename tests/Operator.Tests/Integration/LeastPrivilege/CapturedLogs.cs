using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace VisitCounter.Operator.Tests.Integration.LeastPrivilege;

/// <summary>Every log line of one operator (message and exception message), as its console would show them.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();

    /// <summary>The lines so far.</summary>
    public IReadOnlyList<string> Lines => [.. lines];

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category}: {formatter(state, exception)}";
            owner.lines.Enqueue(exception is null ? line : $"{line} {exception.GetType().Name}: {exception.Message}");
        }
    }
}
