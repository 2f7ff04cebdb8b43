using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Squadra.Api.Auth;

/// <summary>
/// This replica's copy of the unexpired revoked token ids, and the moment up to which it is known to
/// hold every revocation committed on any replica.
/// </summary>
internal sealed class RevokedTokenSet(TimeProvider clock, IOptions<RevocationOptions> options)
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _expiresAt = new();

    // A TimeProvider timestamp; 0 while nothing has been loaded yet.
    private long _completeAsOf;

    public int Count => _expiresAt.Count;

    public bool Contains(Guid tokenId) => _expiresAt.ContainsKey(tokenId);

    /// <summary>Raised once for each token id the set learns of (a logout here, or one polled from another replica).</summary>
    public event Action<Guid>? Revoked;

    public void Add(Guid tokenId, DateTimeOffset expiresAt)
    {
        if (_expiresAt.TryAdd(tokenId, expiresAt))
        {
            Revoked?.Invoke(tokenId);
        }
    }

    public void AddAll(IEnumerable<(Guid TokenId, DateTimeOffset ExpiresAt)> tokens)
    {
        foreach (var (tokenId, expiresAt) in tokens)
        {
            Add(tokenId, expiresAt);
        }
    }

    /// <summary>Whether the copy may answer alone: it was complete no longer than <see cref="RevocationOptions.StaleAfter"/> ago.</summary>
    public bool IsCurrent
    {
        get
        {
            var completeAsOf = Volatile.Read(ref _completeAsOf);
            return completeAsOf != 0 && clock.GetElapsedTime(completeAsOf) <= options.Value.StaleAfter;
        }
    }

    /// <summary>Every revocation committed before <paramref name="timestamp"/> (a <see cref="TimeProvider"/> timestamp) is in the set.</summary>
    public void MarkCompleteAsOf(long timestamp) => Volatile.Write(ref _completeAsOf, timestamp);

    /// <summary>Forgets the tokens that expired before <paramref name="cutoff"/>: validation refuses them anyway.</summary>
    public void RemoveExpiredBefore(DateTimeOffset cutoff)
    {
        foreach (var (tokenId, expiresAt) in _expiresAt)
        {
            if (expiresAt < cutoff)
            {
                _expiresAt.TryRemove(tokenId, out _);
            }
        }
    }
}
