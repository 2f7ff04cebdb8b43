using Squadra.Client;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Teams;
using Squadra.Web.Features.Accounts;
using Squadra.Web.Features.Notifications;

namespace Squadra.Web.Features.Teams;

/// <summary>
/// The signed-in user's teams, shared by every page that lists them. Loaded when first shown, then reloaded when
/// a notification says a membership changed (member counts, a team gone, a team joined elsewhere).
/// </summary>
public sealed class MyTeams : IUserScoped, IDisposable
{
    readonly ApiClient _api;
    readonly NotificationCenter _notifications;
    readonly KnownNames _names;
    readonly Reloader _reloader;
    string? _userId;

    public MyTeams(ApiClient api, NotificationCenter notifications, KnownNames names)
    {
        (_api, _notifications, _names) = (api, notifications, names);
        _reloader = new Reloader(LoadAsync);
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

    public void Reset(string? userId)
    {
        _userId = userId;
        Teams = null;
        Problem = null;
        Changed?.Invoke();
    }

    public void Dispose()
    {
        _notifications.Arrived -= OnNotification;
    }
}
