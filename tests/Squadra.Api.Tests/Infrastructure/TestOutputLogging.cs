using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Squadra.Api.Tests.Infrastructure;

/// <summary>
/// A replica's log lines in the test's output, stamped with the test's own clock, so that a failing timing
/// test shows what the backend did and when.
/// </summary>
public sealed class TestOutputLoggerProvider(ITestOutputHelper output, Stopwatch clock) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(output, clock, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void Dispose()
    {
    }

    private sealed class Logger(ITestOutputHelper output, Stopwatch clock, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var error = exception is null ? "" : $" [{exception.GetType().Name}: {exception.Message}]";
            try
            {
                output.WriteLine($"{clock.Elapsed.TotalSeconds,8:F3}s {logLevel} {category}: {formatter(state, exception)}{error}");
            }
            catch (InvalidOperationException)
            {
                // The test has ended; a replica still shutting down has no one to tell.
            }
        }
    }
}
