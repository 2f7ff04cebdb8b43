using System.Net;
using System.Net.Http.Json;
using Ical.Net;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Chat;
using Squadra.Contracts.Events;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Tests.Text;

/// <summary>
/// api-v2 "Text": every text field refuses control characters and direction overrides with a 400 naming the field
/// (a NUL gave a 500 with a stack trace; CR/LF in a display name wrote events into every member's calendar feed).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ControlCharacterTests(ApiCluster cluster)
{
    public static TheoryData<string> Forbidden => ["\0", "\r\n", "\u0007", "\u0085", "\u202E", "\u2066"];

    private static string Start => EventClient.Instant(DateTimeOffset.UtcNow.AddDays(3));

    [Theory]
    [MemberData(nameof(Forbidden))]
    public async Task RegisterRefusesThemInEveryField(string bad)
    {
        var client = cluster.Replica1.CreateClient();
        using var username = await client.PostAsJsonAsync("/api/auth/register", new RegisterRequest($"a{bad}b_name", "correct horse battery"));
        await username.AssertValidationProblemAsync("username");
        using var password = await client.PostAsJsonAsync("/api/auth/register", new RegisterRequest(Name(), $"correct horse{bad}battery"));
        await password.AssertValidationProblemAsync("password");
        using var displayName = await client.PostAsJsonAsync("/api/auth/register", new RegisterRequest(Name(), "correct horse battery", $"Ana{bad}Lima"));
        await displayName.AssertValidationProblemAsync("displayName");
    }

    [Theory]
    [MemberData(nameof(Forbidden))]
    public async Task LoginRefusesThemInsteadOfFailing(string bad)
    {
        var client = cluster.Replica1.CreateClient();
        using var username = await client.PostAsJsonAsync("/api/auth/login", new LoginRequest($"some{bad}one", "correct horse battery"));
        await username.AssertValidationProblemAsync("username");
        using var password = await client.PostAsJsonAsync("/api/auth/login", new LoginRequest("someone", $"pass{bad}word1"));
        await password.AssertValidationProblemAsync("password");
    }

    [Theory]
    [MemberData(nameof(Forbidden))]
    public async Task TeamsMessagesAndEventsRefuseThem(string bad)
    {
        var owner = await cluster.NewUserAsync();
        var team = await owner.CreateTeamAsync();

        await RefusedAsync(owner, HttpMethod.Post, "/api/teams", new CreateTeamRequest($"Row{bad}ers"), "name");
        await RefusedAsync(owner, HttpMethod.Patch, $"/api/teams/{team.Id}", new UpdateTeamRequest(Description: $"about{bad}us\u0000"), "description");
        await RefusedAsync(owner, HttpMethod.Post, $"/api/teams/{team.Id}/messages", new PostMessageRequest($"hi{bad}there\u0000"), "body");
        await RefusedAsync(owner, HttpMethod.Post, $"/api/teams/{team.Id}/events", new CreateEventRequest($"Train{bad}ing", Start), "title");
        await RefusedAsync(owner, HttpMethod.Post, $"/api/teams/{team.Id}/events", new CreateEventRequest("Training", Start, Location: $"Boat{bad}house"), "location");
        await RefusedAsync(owner, HttpMethod.Post, $"/api/teams/{team.Id}/events", new CreateEventRequest("Training", Start, Description: $"water{bad}\u0000"), "description");
    }

    [Fact]
    public async Task LineBreaksAndTabsStayWelcomeInBodiesAndDescriptions()
    {
        var owner = await cluster.NewUserAsync();
        var team = await owner.CreateTeamAsync();

        var message = await owner.PostAsync(team, "line one\n\tline two");
        var created = await owner.SendOkAsync<EventDto>(HttpMethod.Post, $"/api/teams/{team.Id}/events",
            new CreateEventRequest("Training", Start, Description: "Bring:\n\t- water\n\t- shoes"));

        Assert.Equal("line one\n\tline two", message.Body);
        Assert.Equal("Bring:\n\t- water\n\t- shoes", created.Description);
    }

    [Fact]
    public async Task TheCalendarFeedHoldsOnlyTheTeamsEventsWhateverWasStoredBefore()
    {
        var owner = await cluster.NewUserAsync();
        var team = await owner.CreateTeamAsync("Rowers");
        await owner.CreateEventAsync(team, "Training", DateTimeOffset.UtcNow.AddDays(2));
        // A display name stored before input was checked: CR/LF followed by a whole event.
        await Sql.ExecuteAsync(cluster.ConnectionString, "UPDATE users SET display_name = @name WHERE id = @id",
            ("name", "Eve\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Injected\r\nDTSTART:20300101T000000Z\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nX-A:\"b"),
            ("id", Guid.Parse(owner.User.Id)));

        var feed = Assert.Single(await owner.SendOkAsync<List<CalendarFeedDto>>(HttpMethod.Get, "/api/me/calendar-feeds"));
        using var response = await cluster.Replica2.CreateClient().GetAsync(feed.Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();

        var calendar = Calendar.Load(text)!;
        Assert.Equal(["Training"], calendar.Events.Select(e => e.Summary));
        Assert.DoesNotContain("\r\nSUMMARY:Injected", text, StringComparison.Ordinal);
    }

    private static async Task RefusedAsync(TestUser user, HttpMethod method, string path, object body, string field)
    {
        using var response = await user.SendAsync(method, path, body);
        await response.AssertValidationProblemAsync(field);
    }

    private static string Name() => $"text_{Guid.NewGuid():N}"[..20];
}
