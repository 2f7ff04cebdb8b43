using System.ComponentModel.DataAnnotations;
using Npgsql;

namespace Squadra.Api.Data;

/// <summary>
/// The database pair the replica works on (section <c>Database</c>). A deployment sets only where it is and the
/// password (<c>Database__Hosts</c>, <c>Database__Password</c>); the Npgsql tuning below is the same for ./run.sh
/// and deploy/compose/ because it lives here, with the reason for each value.
/// </summary>
internal sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Database";

    /// <summary>Every data node, any order, as <c>host:port</c> comma-separated; Npgsql finds the primary.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Hosts { get; set; } = "";

    [Required(AllowEmptyStrings = false)]
    public string Name { get; set; } = "squadra";

    [Required(AllowEmptyStrings = false)]
    public string Username { get; set; } = "squadra";

    /// <summary>None when the server trusts the connection (the API suite's throwaway servers).</summary>
    public string? Password { get; set; }

    /// <summary>
    /// Connect timeout (Npgsql's Timeout). With <see cref="CommandTimeoutSeconds"/> and no cancellation wait: a hung
    /// primary (its listen queue full, it never answers) holds each command until the command timeout, then Npgsql
    /// would send a cancel request, synchronously, whose connect waits this long; the connection is broken at once
    /// instead, and <see cref="PrimaryLocator"/> moves the work to the promoted standby (docs/reliability.md).
    /// </summary>
    [Range(1, 60)]
    public int ConnectTimeoutSeconds { get; set; } = 2;

    [Range(1, 600)]
    public int CommandTimeoutSeconds { get; set; } = 3;

    /// <summary>TCP keepalive: a connection to a machine that vanished is found dead in seconds, not hours.</summary>
    [Range(0, 600)]
    public int KeepaliveSeconds { get; set; } = 5;

    /// <summary>
    /// How long Npgsql remembers each host's role (primary, standby, offline); with its default (10 s) a replica kept
    /// sending writes nowhere for up to 10 s after a failover ("No suitable host was found").
    /// </summary>
    [Range(1, 60)]
    public int HostRecheckSeconds { get; set; } = 1;

    /// <summary>
    /// Connections this replica's pool may open. Unset: its share of <see cref="ConnectionBudget"/> among the
    /// <see cref="SharingReplicas"/>, at most <see cref="DefaultMaxPoolSize"/> (three replicas of 30 held 97 of
    /// PostgreSQL's 100 under the channel benchmark, and a fourth would have been refused: docs/scaling.md).
    /// </summary>
    [Range(1, 1000)]
    public int? MaxPoolSize { get; set; }

    /// <summary>
    /// What every replica's pool may hold together: PostgreSQL's <c>max_connections</c> (100 by default) less what
    /// others need (pg_auto_failover's keepers and monitor checks, replication, each replica's LISTEN connection, an
    /// operator's psql). Raise it with <c>max_connections</c>, or put PgBouncer in front (docs/scaling.md).
    /// </summary>
    [Range(1, 100_000)]
    public int ConnectionBudget { get; set; } = 80;

    /// <summary>The replicas sharing <see cref="ConnectionBudget"/>: those of <c>Cluster:Replicas</c> (DatabaseSetup), at least this one.</summary>
    // Not bound from configuration: DatabaseSetup sets it from Cluster:Replicas.
    internal int SharingReplicas { get; set; } = 1;

    public const int DefaultMaxPoolSize = 30;

    public int PoolSize => MaxPoolSize ?? Math.Clamp(ConnectionBudget / Math.Max(1, SharingReplicas), 1, DefaultMaxPoolSize);

    /// <summary>
    /// With <see cref="AutoPrepareMinUsages"/> and <see cref="NoResetOnClose"/>: the app's few dozen statements are
    /// parsed and planned once per pooled connection, and a connection handed back to the pool is not reset, since
    /// the app leaves no session state on pooled connections (no SET, temporary tables or held advisory locks; the
    /// fan-out LISTEN connection goes back only at shutdown). Measured: PostgreSQL CPU per request down by 20-70 %,
    /// posts/s up by ~30 % (docs/benchmarks.md, "Before/after").
    /// </summary>
    [Range(0, 1000)]
    public int MaxAutoPrepare { get; set; } = 20;

    [Range(1, 1000)]
    public int AutoPrepareMinUsages { get; set; } = 2;

    public bool NoResetOnClose { get; set; } = true;

    /// <summary>
    /// The connection settings, on every node; Npgsql opens connections on the current primary (it takes that
    /// setting with several hosts only: a single one is the primary).
    /// </summary>
    public NpgsqlConnectionStringBuilder ConnectionString() => new()
    {
        Host = Hosts,
        Database = Name,
        Username = Username,
        Password = Password,
        TargetSessionAttributes = Hosts.Contains(',', StringComparison.Ordinal) ? "primary" : null,
        Timeout = ConnectTimeoutSeconds,
        CommandTimeout = CommandTimeoutSeconds,
        CancellationTimeout = -1,
        GssEncryptionMode = GssEncryptionMode.Disable,
        KeepAlive = KeepaliveSeconds,
        HostRecheckSeconds = HostRecheckSeconds,
        MaxPoolSize = PoolSize,
        MaxAutoPrepare = MaxAutoPrepare,
        AutoPrepareMinUsages = AutoPrepareMinUsages,
        NoResetOnClose = NoResetOnClose,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var entry in Hosts.Split(',', StringSplitOptions.TrimEntries))
        {
            if (DatabaseNodes.ParseEntry(entry) is null)
            {
                yield return new ValidationResult(
                    $"'{entry}' is not host or host:port (Database:Hosts lists every data node, comma-separated)", [nameof(Hosts)]);
            }
        }
    }
}
