using System.Collections.Concurrent;
using Dapper;
using Squadra.Api.Data;

namespace Squadra.Api.Features.Chat;

/// <summary>
/// Whether a conversation id is a DM's or a team's, read once per id and replica: a team never becomes a DM nor the
/// other way round (<c>teams.dm_key</c> is set at creation), so the answer never goes stale.
/// </summary>
internal sealed class ConversationKinds(Db db)
{
    private readonly ConcurrentDictionary<Guid, bool> _isDm = new();

    /// <summary>True for a DM, false for a team, null for an id that is neither.</summary>
    public async Task<bool?> IsDmAsync(Guid id, CancellationToken ct)
    {
        if (_isDm.TryGetValue(id, out var known))
        {
            return known;
        }
        var isDm = await db.RunAsync((connection, token) => connection.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition(
            "SELECT dm_key IS NOT NULL FROM teams WHERE id = @id", new { id }, cancellationToken: token)), ct);
        if (isDm is { } kind)
        {
            _isDm[id] = kind;
        }
        return isDm;
    }
}
