using Squadra.Client;
using Squadra.Contracts.Invitations;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Teams;
using Squadra.Web.Features.Accounts;
using Squadra.Web.Features.Notifications;
using Squadra.Web.Features.Teams;

namespace Squadra.Web.Features.Invitations;

/// <summary>
/// The invitations waiting for the signed-in user's answer: the top bar's badge and the inbox page share it.
/// Reloaded when an invitation.received notification arrives.
/// </summary>
public sealed class InvitationInbox : IUserScoped, IDisposable
{
    readonly ApiClient _api;
    readonly NotificationCenter _notifications;
    readonly KnownNames _names;
    readonly MyTeams _teams;
    readonly Reloader _reloader;
    readonly Dictionary<string, ActionKey> _keys = [];
    string? _userId;

    public InvitationInbox(ApiClient api, NotificationCenter notifications, KnownNames names, MyTeams teams)
    {
        (_api, _notifications, _names, _teams) = (api, notifications, names, teams);
        _reloader = new Reloader(LoadAsync);
        notifications.Arrived += OnNotification;
    }

    /// <summary>Null until the first answer; oldest first.</summary>
    public IReadOnlyList<InvitationDto>? Pending { get; private set; }

    public int Count => Pending?.Count ?? 0;

    public ApiProblem? Problem { get; private set; }

    public event Action? Changed;

    public Task EnsureLoadedAsync() => Pending is null ? RefreshAsync() : Task.CompletedTask;

    public Task RefreshAsync() => _reloader.RequestAsync();

    /// <summary>Joins the team. A retry of the same answer reuses its Idempotency-Key, so it joins once.</summary>
    public async Task<ApiResult<TeamDto>> AcceptAsync(InvitationDto invitation)
    {
        var key = KeyFor(invitation.Id);
        var result = await _api.AcceptInvitationAsync(invitation.Id, key.For(("accept", invitation.Id)));
        key.Settle(result);
        if (result.IsSuccess)
            _teams.Put(result.Value);
        Settled(invitation, result.Problem);
        return result;
    }

    public async Task<ApiResult<object>> DeclineAsync(InvitationDto invitation)
    {
        var key = KeyFor(invitation.Id);
        var result = await _api.DeclineInvitationAsync(invitation.Id, key.For(("decline", invitation.Id)));
        key.Settle(result);
        Settled(invitation, result.Problem);
        return result;
    }

    ActionKey KeyFor(string invitationId)
    {
        if (!_keys.TryGetValue(invitationId, out var key))
            _keys[invitationId] = key = new ActionKey();
        return key;
    }

    // Answered, or answered elsewhere (409), or revoked meanwhile (404): either way it is no longer waiting here.
    void Settled(InvitationDto invitation, ApiProblem? problem)
    {
        if (Pending is null || problem is { Status: not (404 or 409) })
            return;

        Pending = [.. Pending.Where(i => i.Id != invitation.Id)];
        Changed?.Invoke();
    }

    async Task LoadAsync()
    {
        var userId = _userId;
        if (userId is null)
            return;

        var result = await _api.GetMyInvitationsAsync();
        if (userId != _userId)
            return;

        if (result.IsSuccess)
        {
            Pending = result.Value;
            foreach (var invitation in result.Value)
            {
                _names.LearnTeam(invitation.TeamId, invitation.TeamName);
                _names.Learn(invitation.Inviter);
            }
        }

        Problem = result.Problem;
        Changed?.Invoke();
    }

    void OnNotification(NotificationDto notification)
    {
        if (notification.Type == NotificationTypes.InvitationReceived)
            _ = RefreshAsync();
    }

    public void Reset(string? userId)
    {
        _userId = userId;
        Pending = null;
        Problem = null;
        _keys.Clear();
        Changed?.Invoke();
    }

    public void Dispose()
    {
        _notifications.Arrived -= OnNotification;
    }
}
