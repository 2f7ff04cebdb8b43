using Npgsql;

namespace Squadra.Api.Data;

/// <summary>The database nodes of <see cref="DatabaseOptions.Hosts"/>: "a:5432,b:5433" (a host without a port is on 5432).</summary>
internal static class DatabaseNodes
{
    private const int DefaultPort = 5432;

    public static IReadOnlyList<(string Host, int Port)> Parse(string hosts) =>
        [.. hosts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => ParseEntry(entry) ?? throw new FormatException($"'{entry}' is not host or host:port"))];

    /// <summary>One "host" or "host:port"; null when it is neither.</summary>
    public static (string Host, int Port)? ParseEntry(string entry)
    {
        var colon = entry.LastIndexOf(':');
        if (colon < 0)
        {
            return entry.Length > 0 ? (entry, DefaultPort) : null;
        }
        return colon > 0 && int.TryParse(entry[(colon + 1)..], out var port) && port is > 0 and <= 65535
            ? (entry[..colon], port)
            : null;
    }

    /// <summary>The same settings, on one node only (Npgsql takes target session attributes with several hosts only).</summary>
    public static NpgsqlConnectionStringBuilder On(DatabaseOptions options, string host, int port)
    {
        var single = options.ConnectionString();
        single.Host = host;
        single.Port = port;
        single.Remove("Target Session Attributes");
        return single;
    }
}
