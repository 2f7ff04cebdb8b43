using ScottPlot;

namespace Squadra.Bench;

/// <summary>Latency against load: p99 (and p50, dashed) send → receive against deliveries/s, one line per series.</summary>
internal static class Chart
{
    public static void Write(string file, IEnumerable<PointResult> points)
    {
        var plot = new Plot();
        var series = points.Where(p => p.Delivered > 0 && !double.IsNaN(p.P99)).GroupBy(p => p.Series).ToList();
        var palette = new ScottPlot.Palettes.Category10();
        var index = 0;
        foreach (var group in series)
        {
            var ordered = group.OrderBy(p => p.DeliveredPerSec).ToArray();
            AddLatencyLines(plot, [.. ordered.Select(p => p.DeliveredPerSec)], [.. ordered.Select(p => p.P50)], [.. ordered.Select(p => p.P99)],
                $"{group.Key} (p99)", null, palette.GetColor(index++));
        }
        AddLogLatencyAxis(plot, "50 ms target");
        plot.Title("Fan-out latency against load (solid p99, dashed p50; log scale)");
        plot.XLabel("deliveries / s (messages/s × members of the team)");
        plot.YLabel("send → receive latency (ms)");
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(file, 1100, 650);
    }

    /// <summary>One series: p99 solid, p50 dashed, in one colour; latencies on a log10 scale.</summary>
    public static void AddLatencyLines(Plot plot, double[] xs, double[] p50, double[] p99, string p99Legend, string? p50Legend, Color color)
    {
        var upper = plot.Add.Scatter(xs, [.. p99.Select(Log)]);
        upper.LegendText = p99Legend;
        upper.Color = color;
        upper.LineWidth = 2;
        upper.MarkerSize = 7;
        var median = plot.Add.Scatter(xs, [.. p50.Select(Log)]);
        if (p50Legend is not null)
        {
            median.LegendText = p50Legend;
        }
        median.Color = color;
        median.LinePattern = LinePattern.Dashed;
        median.MarkerSize = 4;
    }

    /// <summary>The 50 ms target line, and a left axis labelled in ms for the log10 values.</summary>
    public static void AddLogLatencyAxis(Plot plot, string targetLegend)
    {
        var target = plot.Add.HorizontalLine(Math.Log10(50));
        target.LinePattern = LinePattern.Dotted;
        target.Color = Colors.Gray;
        target.LegendText = targetLegend;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y).ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private static double Log(double ms) => Math.Log10(Math.Max(0.1, ms));
}
