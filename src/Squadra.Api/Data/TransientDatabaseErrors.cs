using Npgsql;

namespace Squadra.Api.Data;

/// <summary>
/// Failures that mean "the database is not reachable as a primary right now" rather than "this
/// request is wrong": worth a retry, and a 503 when the retries run out, never a 500.
/// </summary>
internal static class TransientDatabaseErrors
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        PrimaryAbandonedException => true,
        PostgresException postgres => postgres.IsTransient
            || postgres.SqlState.StartsWith("08", StringComparison.Ordinal)  // connection exception
            || postgres.SqlState.StartsWith("57", StringComparison.Ordinal)  // operator intervention: shutdown, starting up
            || postgres.SqlState == "25006",                                 // read-only transaction: we reached a demoted primary
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is System.Net.Sockets.SocketException or IOException or TimeoutException
            || NoHostIsPrimary(npgsql),
        TimeoutException => true,
        _ => false,
    };

    /// <summary>
    /// During a failover, or with both nodes down, the multi-host data source finds no primary: "No suitable
    /// host was found" (none is primary right now) or every host failed (an AggregateException inside).
    /// </summary>
    private static bool NoHostIsPrimary(NpgsqlException npgsql) =>
        (npgsql.InnerException is AggregateException { InnerExceptions: var failures } && failures.All(IsTransient))
        || (npgsql.GetType() == typeof(NpgsqlException) && npgsql.InnerException is null
            && npgsql.Message.StartsWith("No suitable host", StringComparison.Ordinal));

    /// <summary>
    /// Failures that say the primary may have moved (connection lost, server shutting down, a demoted
    /// primary), after which idle pooled connections are suspect. A full pool or a busy server is not
    /// one of them: clearing the pool then only makes things worse.
    /// </summary>
    public static bool MeansThePrimaryMayHaveMoved(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("57", StringComparison.Ordinal)
            || postgres.SqlState == "25006",
        NpgsqlException npgsql => npgsql.InnerException is System.Net.Sockets.SocketException or IOException || NoHostIsPrimary(npgsql),
        _ => false,
    };
}
