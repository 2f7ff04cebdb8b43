using System.Collections.Concurrent;

namespace Squadra.Faults.Load;

public enum RequestKind
{
    /// <summary>GET of the API (the read probe and the subscribers' catch-up).</summary>
    Read,

    /// <summary>One attempt of a POST (a write is retried with its key until acknowledged).</summary>
    Write,

    /// <summary>GET / (the frontend node through the gateway).</summary>
    Page,
}

/// <summary>A request through the gateway that did not get a good answer: a 5xx, or no answer at all.</summary>
public sealed record FailedRequest(TimeSpan At, RequestKind Kind, string What);

/// <summary>Every request through the gateway, counted; the failed ones kept with what went wrong.</summary>
public sealed class RequestLog(Func<TimeSpan> clock)
{
    private readonly ConcurrentQueue<FailedRequest> _failures = new();
    private readonly int[] _total = new int[3];

    public TimeSpan Now => clock();

    public void Succeeded(RequestKind kind) => Interlocked.Increment(ref _total[(int)kind]);

    public void Failed(RequestKind kind, string what)
    {
        Interlocked.Increment(ref _total[(int)kind]);
        _failures.Enqueue(new FailedRequest(clock(), kind, what));
    }

    public int Total(RequestKind kind) => Volatile.Read(ref _total[(int)kind]);

    public IReadOnlyList<FailedRequest> Failures => [.. _failures];

    public int FailureCount(RequestKind kind) => _failures.Count(f => f.Kind == kind);

    /// <summary>"503 x12, connection refused x3" for one kind of request.</summary>
    public string Summary(RequestKind kind) =>
        string.Join(", ", _failures.Where(f => f.Kind == kind).GroupBy(f => f.What).OrderByDescending(g => g.Count())
            .Select(g => $"{g.Key} x{g.Count()}"));
}
