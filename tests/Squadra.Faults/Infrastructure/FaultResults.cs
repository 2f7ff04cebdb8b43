using System.Globalization;
using System.Text;
using Squadra.Testing;

namespace Squadra.Faults.Infrastructure;

/// <summary>The numbers of one fault run: one row of the table in docs/reliability.md.</summary>
public sealed record FaultReport(
    string Fault,
    int Writes,
    TimeSpan LongestWriteFailing,
    TimeSpan WritesBackAfter,
    TimeSpan SubscribersCaughtUp,
    int FailedReads,
    int FailedWriteAttempts,
    int FailedPages,
    string Recovery,
    int Lost,
    int Duplicated,
    IReadOnlyList<string> Details)
{
    public static string Seconds(TimeSpan? value) =>
        value is { } v ? v.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "—";
}

/// <summary>
/// Every fault run's report, written when the suite ends to artifacts/faults/last-run.md (or
/// $SQUADRA_FAULTS_RESULTS) as the markdown table docs/reliability.md keeps; ./test.sh prints it.
/// </summary>
public sealed class FaultResults
{
    private readonly List<FaultReport> _reports = [];

    public void Add(FaultReport report)
    {
        lock (_reports)
        {
            _reports.Add(report);
        }
    }

    public static string Path =>
        Environment.GetEnvironmentVariable("SQUADRA_FAULTS_RESULTS") is { Length: > 0 } path
            ? path
            : System.IO.Path.Combine(RepositoryRoot.Path, "artifacts", "faults", "last-run.md");

    public void Write()
    {
        List<FaultReport> reports;
        lock (_reports)
        {
            reports = [.. _reports];
        }
        if (reports.Count == 0)
        {
            return;
        }
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Fault runs of {DateTime.Now:yyyy-MM-dd HH:mm} on {Environment.MachineName} ({Environment.ProcessorCount} cores, {Os()})");
        text.AppendLine();
        text.AppendLine("| fault | writes | longest a write kept failing | writes accepted again after | subscribers caught up within | failed at the gateway: reads / write attempts / pages | recovery | lost / duplicated |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in reports)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Fault} | {r.Writes} | {FaultReport.Seconds(r.LongestWriteFailing)} | {FaultReport.Seconds(r.WritesBackAfter)} | {FaultReport.Seconds(r.SubscribersCaughtUp)} | {r.FailedReads} / {r.FailedWriteAttempts} / {r.FailedPages} | {r.Recovery} | {r.Lost} / {r.Duplicated} |");
        }
        text.AppendLine();
        foreach (var r in reports)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- **{r.Fault}**");
            foreach (var detail in r.Details)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  - {detail}");
            }
        }
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        File.WriteAllText(Path, text.ToString());
    }

    private static string Os()
    {
        try
        {
            var pretty = File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
            return pretty?["PRETTY_NAME=".Length..].Trim('"') ?? Environment.OSVersion.ToString();
        }
        catch (IOException)
        {
            return Environment.OSVersion.ToString();
        }
    }
}
