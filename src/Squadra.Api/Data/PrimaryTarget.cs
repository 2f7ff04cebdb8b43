using Npgsql;

namespace Squadra.Api.Data;

/// <summary>
/// The database node currently taken for the primary, with a data source for it alone. <see cref="Abandoned"/>
/// is cancelled when another node takes its place, so that work still running on this one stops at once.
/// </summary>
internal sealed record PrimaryTarget(string Host, int Port, long Timeline, NpgsqlDataSource DataSource, CancellationToken Abandoned);
