using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Squadra.Api.Data;
using Squadra.Contracts.Accounts;

namespace Squadra.Api.Features.Accounts;

/// <summary>
/// A user's id and names for signals that show them (typing), read at most once a minute per user and replica: a
/// signal repeated every few seconds costs no database round trip, and a renamed user shows the new name within a minute.
/// </summary>
internal sealed class UserCards(Db db, IMemoryCache cache)
{
    private static readonly TimeSpan s_keptFor = TimeSpan.FromMinutes(1);

    public async Task<UserDto?> CardAsync(Guid userId, CancellationToken ct)
    {
        if (cache.TryGetValue(CacheKey(userId), out UserDto? known))
        {
            return known;
        }
        var card = await db.RunAsync((connection, token) => connection.QuerySingleOrDefaultAsync<UserDto>(new CommandDefinition(
            "SELECT id::text AS Id, username, display_name AS DisplayName FROM users WHERE id = @userId", new { userId }, cancellationToken: token)), ct);
        if (card is not null)
        {
            cache.Set(CacheKey(userId), card, s_keptFor);
        }
        return card;
    }

    private static string CacheKey(Guid userId) => $"user-card:{userId}";
}
