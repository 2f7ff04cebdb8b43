using Squadra.Client;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Services;

/// <summary>
/// The signed-in user's teams, shared by every page that lists them. Loaded when first shown, then reloaded when
/// a notification says a membership changed (member counts, a team gone, a team joined elsewhere).
/// </summary>
public sealed class MyTeams : IDisposable
{
    readonly ApiClient _api;
    readonly AuthSession _session;
    readonly NotificationCenter _notifications;
    readonly KnownNames _names;
    readonly Reloader _reloader;
    string? _userId;

    public MyTeams(ApiClient api, AuthSession session, NotificationCenter notifications, KnownNames names)
    {
        (_api, _session, _notifications, _names) = (api, session, notifications, names);
        _reloader = new Reloader(LoadAsync);
        _userId = session.User?.Id;
        session.Changed += OnSessionChanged;
        notifications.Arrived += OnNotification;
    }

    /// <summary>Null until the first answer.</summary>
    public IReadOnlyList<TeamDto>? Teams { get; private set; }

    public ApiProblem? Problem { get; private set; }

    public event Action? Changed;

    public Task EnsureLoadedAsync() => Teams is null ? RefreshAsync() : Task.CompletedTask;

    public Task RefreshAsync() => _reloader.RequestAsync();

    /// <summary>A team just created or joined: listed at once, before any reload.</summary>
    public void Put(TeamDto team)
    {
        _names.Learn(team);
        if (Teams is null)
            return;

        Teams = [.. Teams.Where(t => t.Id != team.Id).Append(team with { Members = null })
            .OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ThenBy(t => t.Id, StringComparer.Ordinal)];
        Changed?.Invoke();
    }

    /// <summary>A team just deleted or left.</summary>
    public void Drop(string teamId)
    {
        if (Teams is null)
            return;

        Teams = [.. Teams.Where(t => t.Id != teamId)];
        Changed?.Invoke();
    }

    async Task LoadAsync()
    {
        var userId = _userId;
        if (userId is null)
            return;

        var result = await _api.GetTeamsAsync();
        if (userId != _userId)
            return;

        if (result.IsSuccess)
        {
            Teams = result.Value;
            foreach (var team in result.Value)
                _names.Learn(team);
        }

        Problem = result.Problem;
        Changed?.Invoke();
    }

    void OnNotification(NotificationDto notification)
    {
        if (Teams is not null && NotificationData.IsAboutMembership(notification))
            _ = RefreshAsync();
    }

    void OnSessionChanged()
    {
        if (_session.User?.Id == _userId)
            return;

        _userId = _session.User?.Id;
        Teams = null;
        Problem = null;
        Changed?.Invoke();
    }

    public void Dispose()
    {
        _session.Changed -= OnSessionChanged;
        _notifications.Arrived -= OnNotification;
    }
}
