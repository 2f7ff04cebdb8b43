using Prometheus;

namespace Squadra.Api.Realtime;

/// <summary>The fan-out's counters, shared by the features that push (each with its own <c>kind</c>).</summary>
internal static class FanoutMetrics
{
    public static readonly Counter Pushed = Metrics.CreateCounter(
        "squadra_realtime_pushes_total", "Items pushed to this replica's hub groups (each reaches every local connection of the group), by kind.", "kind");

    /// <summary>
    /// Every payload this replica heard and decoded, on either channel: with NOTIFY the whole cluster's, with NATS only
    /// its connections' topics' (issue 23 measures the decoding this costs per replica).
    /// </summary>
    public static readonly Counter Received = Metrics.CreateCounter(
        "squadra_fanout_received_total", "Announcement payloads this replica received and decoded (NOTIFY: every one in the cluster; NATS: its subscribed topics').");

    public static readonly Counter Swept = Metrics.CreateCounter(
        "squadra_fanout_swept_total", "Teams (messages) or users (notifications) the sweep found behind the database: commits nobody announced in time.", "kind");
}
