using Prometheus;

namespace Squadra.Api.Realtime;

/// <summary>The fan-out's counters, shared by the features that push (each with its own <c>kind</c>).</summary>
internal static class FanoutMetrics
{
    public static readonly Counter Pushed = Metrics.CreateCounter(
        "squadra_realtime_pushes_total", "Items pushed to this replica's hub groups (each reaches every local connection of the group), by kind.", "kind");

    public static readonly Counter Swept = Metrics.CreateCounter(
        "squadra_fanout_swept_total", "Teams (messages) or users (notifications) the sweep found behind the database: commits nobody announced in time.", "kind");
}
