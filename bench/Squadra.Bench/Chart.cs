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
            var xs = ordered.Select(p => p.DeliveredPerSec).ToArray();
            var color = palette.GetColor(index++);
            var p99 = plot.Add.Scatter(xs, ordered.Select(p => Math.Log10(Math.Max(0.1, p.P99))).ToArray());
            p99.LegendText = $"{group.Key} (p99)";
            p99.Color = color;
            p99.LineWidth = 2;
            p99.MarkerSize = 7;
            var p50 = plot.Add.Scatter(xs, ordered.Select(p => Math.Log10(Math.Max(0.1, p.P50))).ToArray());
            p50.Color = color;
            p50.LinePattern = LinePattern.Dashed;
            p50.MarkerSize = 4;
        }
        var target = plot.Add.HorizontalLine(Math.Log10(50));
        target.LinePattern = LinePattern.Dotted;
        target.Color = Colors.Gray;
        target.LegendText = "50 ms target";

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y).ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
        };
        plot.Title("Fan-out latency against load (solid p99, dashed p50; log scale)");
        plot.XLabel("deliveries / s (messages/s × members of the team)");
        plot.YLabel("send → receive latency (ms)");
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(file, 1100, 650);
    }
}
