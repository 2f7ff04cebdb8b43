using System.Text.Json;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Squadra.Client.Chat;
using Squadra.Client.Realtime;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Chat;
using Squadra.Contracts.DirectMessages;
using Squadra.Contracts.Invitations;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Presence;
using Squadra.Contracts.Teams;

namespace Squadra.Web.Tests;

/// <summary>
/// A bUnit context wired like the real app, with the network replaced by <see cref="FakeApi"/> and the hub
/// by <see cref="FakeRealtime"/>.
/// </summary>
public abstract class SquadraTestContext : BunitContext
{
    protected SquadraTestContext()
    {
        // localStorage calls succeed and return nothing unless a test sets one up.
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton(new HttpClient(Api) { BaseAddress = new Uri("http://localhost/") });
        Services.AddSquadraWeb();
        Services.AddSingleton<IRealtimeConnection>(Realtime);
    }

    protected FakeApi Api { get; } = new();

    protected FakeRealtime Realtime { get; } = new();

    protected AuthSession Session => Services.GetRequiredService<AuthSession>();

    protected NotificationCenter Notifications => Services.GetRequiredService<NotificationCenter>();

    protected BunitNavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();

    protected string CurrentPath => new Uri(Navigation.Uri).AbsolutePath;

    protected static UserDto Alice { get; } = new("u-1", "alice", "Alice Liddell");

    protected static UserDto Bob { get; } = new("u-2", "bob", "Bob Dylan");

    protected static UserDto Carol { get; } = new("u-3", "carol", "Carol King");

    protected static DateTimeOffset Earlier { get; } = DateTimeOffset.UtcNow.AddMinutes(-1);

    /// <summary>
    /// Signs in with the session's lifetime started as Program.cs starts it, so every store follows the user. Until
    /// the test says otherwise (<see cref="WithNotifications"/>), the user has no notifications, no direct messages and
    /// no saved messages, nobody's presence is known, chats t-1 and d-1 have nothing pinned, and reading them is taken.
    /// </summary>
    protected Task SignInAsync(UserDto user)
    {
        Api.AnswerByDefault(HttpMethod.Get, "/api/notifications/unread-count", System.Net.HttpStatusCode.OK, new UnreadCountDto(0))
            .AnswerByDefault(HttpMethod.Get, "/api/notifications", System.Net.HttpStatusCode.OK, Array.Empty<NotificationDto>())
            .AnswerByDefault(HttpMethod.Get, "/api/dms", System.Net.HttpStatusCode.OK, Array.Empty<DmDto>())
            .AnswerByDefault(HttpMethod.Get, "/api/presence", System.Net.HttpStatusCode.OK, Array.Empty<PresenceDto>())
            .AnswerByDefault(HttpMethod.Get, "/api/saved/ids", System.Net.HttpStatusCode.OK, Array.Empty<string>())
            .AnswerByDefault(HttpMethod.Get, "/api/me/notification-preferences", System.Net.HttpStatusCode.OK, NotificationPreferencesPanelTests.Defaults)
            .AnswerByDefault(HttpMethod.Get, "/api/teams/t-1/messages/pinned", System.Net.HttpStatusCode.OK, Array.Empty<MessageDto>())
            .AnswerByDefault(HttpMethod.Get, "/api/dms/d-1/messages/pinned", System.Net.HttpStatusCode.OK, Array.Empty<MessageDto>())
            .AnswerByDefault(HttpMethod.Put, "/api/teams/t-1/read", System.Net.HttpStatusCode.NoContent)
            .AnswerByDefault(HttpMethod.Put, "/api/dms/d-1/read", System.Net.HttpStatusCode.NoContent);
        Services.GetRequiredService<SessionLifetime>().Start();
        return Session.SignInAsync(new LoginResponse("token-" + user.Username, DateTimeOffset.UtcNow.AddHours(1), user));
    }

    /// <summary>Alice signed in, in team t-1's chat as a member, <paramref name="newest"/> its newest page of messages.</summary>
    protected async Task<IRenderedComponent<ChatPane>> RenderTeamChatAsync(params MessageDto[] newest)
    {
        await SignInAsync(Alice);
        Api.Answer(HttpMethod.Get, "/api/teams/t-1/messages", System.Net.HttpStatusCode.OK, newest);
        var pane = Render<ChatPane>(parameters => parameters.Add(p => p.Chat, ChatKey.Team("t-1")).Add(p => p.MyRole, TeamRoles.Member));
        pane.WaitForAssertion(() => Assert.NotEmpty(pane.FindAll("[data-testid=message]")));
        return pane;
    }

    /// <summary>The notification history the next sign-in reads (the unread count, then the newest page).</summary>
    protected void WithNotifications(long unread = 0, params NotificationDto[] history) =>
        Api.Answer(HttpMethod.Get, "/api/notifications/unread-count", System.Net.HttpStatusCode.OK, new UnreadCountDto(unread))
            .Answer(HttpMethod.Get, "/api/notifications", System.Net.HttpStatusCode.OK, history);

    protected static MemberDto Member(UserDto user, string role) => new(user.Id, user.Username, user.DisplayName, role, Earlier);

    protected static TeamDto Team(string role, params MemberDto[] members) =>
        new("t-1", "Choir", "We sing.", role, members.Length, Earlier, members);

    protected static InvitationDto Invitation(string id, UserDto inviter, UserDto invitee, string teamId = "t-1", string teamName = "Choir") =>
        new(id, teamId, teamName, inviter, invitee, InvitationStatuses.Pending, Earlier);

    protected static NotificationDto Notification(long seq, string type, object data, string? teamId = "t-1", bool read = false) =>
        new(seq, type, teamId, DateTimeOffset.UtcNow, read ? DateTimeOffset.UtcNow : null, JsonSerializer.SerializeToElement(data, JsonSerializerOptions.Web));
}
