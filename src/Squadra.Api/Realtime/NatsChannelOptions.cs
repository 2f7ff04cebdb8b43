using System.Text.RegularExpressions;

namespace Squadra.Api.Realtime;

/// <summary>Configuration <c>Realtime:Nats</c>, read when <c>Realtime:Channel</c> is <c>nats</c>.</summary>
internal sealed partial class NatsChannelOptions
{
    /// <summary>The cluster's servers, comma-separated (<c>nats://host:port,...</c>): the client connects to one and fails over to the others.</summary>
    public string Url { get; set; } = "";

    /// <summary>The first token of every subject (<see cref="NatsSubjects"/>), so several deployments may share one NATS cluster.</summary>
    public string SubjectPrefix { get; set; } = "squadra";

    public IEnumerable<string> Errors()
    {
        var servers = Url.Split(',', StringSplitOptions.TrimEntries);
        if (string.IsNullOrWhiteSpace(Url))
        {
            yield return "Realtime:Nats:Url must list the NATS servers (nats://host:port, comma-separated) when Realtime:Channel is nats";
            yield break;
        }
        foreach (var server in servers)
        {
            if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("nats" or "tls") || uri.Port <= 0 || uri.AbsolutePath != "/")
            {
                yield return $"Realtime:Nats:Url: '{server}' is not nats://host:port";
            }
        }
        if (!SubjectToken().IsMatch(SubjectPrefix))
        {
            yield return $"Realtime:Nats:SubjectPrefix '{SubjectPrefix}' must be one subject token (letters, digits, '-' and '_')";
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex SubjectToken();
}
