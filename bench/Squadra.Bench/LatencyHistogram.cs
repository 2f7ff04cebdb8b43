using System.Diagnostics;

namespace Squadra.Bench;

/// <summary>
/// A lock-free latency histogram: 20 µs buckets up to 100 ms, then 1 ms buckets up to 30 s.
/// Recording is one Interlocked increment, safe from any number of threads (the hub handlers).
/// </summary>
internal sealed class LatencyHistogram
{
    private const int FineBucketMicros = 20;
    private const int FineLimitMicros = 100_000;
    private const int CoarseBucketMicros = 1_000;
    private const int MaxMicros = 30_000_000;
    private static readonly int s_fineBuckets = FineLimitMicros / FineBucketMicros;
    private static readonly int s_buckets = s_fineBuckets + ((MaxMicros - FineLimitMicros) / CoarseBucketMicros) + 1;

    private readonly long[] _counts = new long[s_buckets];
    private long _count;
    private long _sumMicros;
    private long _maxMicros;

    public long Count => Interlocked.Read(ref _count);

    public static double TicksToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    public void RecordSince(long startTimestamp) => RecordMicros((Stopwatch.GetTimestamp() - startTimestamp) * 1_000_000 / Stopwatch.Frequency);

    public void RecordMicros(long micros)
    {
        if (micros < 0)
        {
            micros = 0;
        }
        var index = micros < FineLimitMicros
            ? (int)(micros / FineBucketMicros)
            : (int)Math.Min(s_buckets - 1, s_fineBuckets + ((micros - FineLimitMicros) / CoarseBucketMicros));
        Interlocked.Increment(ref _counts[index]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumMicros, micros);
        var max = Interlocked.Read(ref _maxMicros);
        while (micros > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxMicros, micros, max);
            if (seen == max)
            {
                break;
            }
            max = seen;
        }
    }

    /// <summary>The value (ms) at or below which <paramref name="percentile"/> % of the samples lie; NaN when empty.</summary>
    public double PercentileMs(double percentile)
    {
        var total = Count;
        if (total == 0)
        {
            return double.NaN;
        }
        var rank = (long)Math.Ceiling(total * percentile / 100.0);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
            {
                // Upper edge of the bucket: never flatters.
                var micros = i < s_fineBuckets
                    ? (i + 1) * (long)FineBucketMicros
                    : FineLimitMicros + ((i - s_fineBuckets + 1) * (long)CoarseBucketMicros);
                return Math.Min(micros, Interlocked.Read(ref _maxMicros)) / 1000.0;
            }
        }
        return MaxMs;
    }

    /// <summary>Adds another histogram's samples to this one (a summary over several kinds of request).</summary>
    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            Interlocked.Add(ref _counts[i], Interlocked.Read(ref other._counts[i]));
        }
        Interlocked.Add(ref _count, other.Count);
        Interlocked.Add(ref _sumMicros, Interlocked.Read(ref other._sumMicros));
        var max = Interlocked.Read(ref other._maxMicros);
        if (max > Interlocked.Read(ref _maxMicros))
        {
            Interlocked.Exchange(ref _maxMicros, max);
        }
    }

    public double MaxMs => Interlocked.Read(ref _maxMicros) / 1000.0;

    public double MeanMs => Count == 0 ? double.NaN : Interlocked.Read(ref _sumMicros) / 1000.0 / Count;
}
