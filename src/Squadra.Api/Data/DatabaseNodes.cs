using Npgsql;

namespace Squadra.Api.Data;

/// <summary>The database nodes named in a (multi-host) connection string: "Host=a:5432,b:5433".</summary>
internal static class DatabaseNodes
{
    public static IReadOnlyList<(string Host, int Port)> Parse(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return [.. (builder.Host ?? "localhost")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry =>
            {
                var colon = entry.LastIndexOf(':');
                return colon > 0 && int.TryParse(entry[(colon + 1)..], out var port)
                    ? (entry[..colon], port)
                    : (entry, builder.Port);
            })];
    }

    /// <summary>The same settings, on one node only (Npgsql takes target session attributes with several hosts only).</summary>
    public static NpgsqlConnectionStringBuilder On(string connectionString, string host, int port)
    {
        var single = new NpgsqlConnectionStringBuilder(connectionString) { Host = host, Port = port };
        single.Remove("Target Session Attributes");
        return single;
    }
}
