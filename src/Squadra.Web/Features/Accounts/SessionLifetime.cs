using Squadra.Client.Realtime;

namespace Squadra.Web.Features.Accounts;

/// <summary>
/// The signed-in user's time in the app, decided in one place: whenever the user changes, every
/// <see cref="IUserScoped"/> store forgets the last one's data, then the realtime connection starts for the new user
/// (its <c>Connected</c> is when the stores catch up) or stops at sign-out.
/// </summary>
public sealed class SessionLifetime(AuthSession session, IRealtimeConnection realtime, IEnumerable<IUserScoped> stores) : IDisposable
{
    bool _started;
    string? _userId;

    /// <summary>Called once at start-up, after the session is restored; from then on follows it.</summary>
    public void Start()
    {
        if (_started)
            return;

        _started = true;
        session.Changed += OnSessionChanged;
        // Nobody signed in yet: the stores are empty and nothing is connected, so there is nothing to follow.
        if (session.User?.Id is { } userId)
            Follow(userId);
    }

    void OnSessionChanged()
    {
        var userId = session.User?.Id;
        if (userId != _userId)
            Follow(userId);
    }

    void Follow(string? userId)
    {
        _userId = userId;
        foreach (var store in stores)
            store.Reset(userId);
        _ = userId is null ? realtime.StopAsync() : realtime.StartAsync();
    }

    public void Dispose() => session.Changed -= OnSessionChanged;
}
