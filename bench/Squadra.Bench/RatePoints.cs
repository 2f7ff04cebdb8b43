using System.Text.Json;
using ScottPlot;

namespace Squadra.Bench;

/// <summary>One fan-out point as kept across runs (before/after), and the chart drawn from them.</summary>
internal sealed record RatePoint(
    string Label, int Members, int TargetRate, double PostsPerSec, double P50, double P99, double Completeness,
    double ReplicasCpuMsPerPost, double PgCpuMsPerPost, double LoadAverage);

/// <summary>
/// <c>fanout --label L --points FILE</c> appends each point to a JSON-lines file; <c>chart --points FILE</c> draws
/// p50 and p99 against the accepted posts/s, one colour per label: how latency grows with the post rate, before and
/// after a change, measured interleaved on one stack.
/// </summary>
internal static class RatePoints
{
    public static async Task AppendAsync(string? file, PointResult point, IEnumerable<string> apis, CancellationToken ct)
    {
        if (file is null)
        {
            return;
        }
        var sent = Math.Max(1, point.Sent);
        var row = new RatePoint(point.Series, point.Members, point.TargetRate, point.AchievedRate, point.P50, point.P99, point.Completeness,
            apis.Sum(point.Window.CpuSeconds) * 1000 / sent, point.Window.CpuSeconds("pg") * 1000 / sent, LoadAverage());
        await File.AppendAllTextAsync(file, JsonSerializer.Serialize(row) + "\n", ct);
    }

    public static async Task<int> ChartAsync(string pointsFile, string png, CancellationToken ct)
    {
        var points = (await File.ReadAllLinesAsync(pointsFile, ct))
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize<RatePoint>(line)!)
            .Where(p => !double.IsNaN(p.P99) && p.P99 > 0)
            .ToList();
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var index = 0;
        foreach (var series in points.GroupBy(p => p.Label))
        {
            // Interleaved runs give several points per rate: each rate's median.
            var byRate = series.GroupBy(p => p.TargetRate).OrderBy(g => g.Key)
                .Select(g => (Rate: Median(g.Select(p => p.PostsPerSec)), P50: Median(g.Select(p => p.P50)), P99: Median(g.Select(p => p.P99))))
                .ToArray();
            Chart.AddLatencyLines(plot, [.. byRate.Select(p => p.Rate)], [.. byRate.Select(p => p.P50)], [.. byRate.Select(p => p.P99)],
                $"{series.Key}: p99", $"{series.Key}: p50", palette.GetColor(index++));
        }
        Chart.AddLogLatencyAxis(plot, "50 ms target (200 posts/s)");
        var members = points.Select(p => p.Members).Distinct().Order();
        plot.Title($"Send → receive latency against the post rate, {string.Join("/", members)} members (log scale)");
        plot.XLabel("posts / s accepted (through both replicas)");
        plot.YLabel("latency (ms)");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(png, 1100, 650);
        Console.WriteLine($"chart: {png}");
        return 0;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length switch
        {
            0 => double.NaN,
            var n when n % 2 == 1 => sorted[n / 2],
            var n => (sorted[(n / 2) - 1] + sorted[n / 2]) / 2,
        };
    }

    private static double LoadAverage() =>
        double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture, out var load) ? load : double.NaN;
}
