using Squadra.Contracts.Events;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Tests.Infrastructure;

public static class EventClient
{
    public static string Instant(DateTimeOffset value) => value.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    public static Task<EventDto> CreateEventAsync(this TestUser user, TeamDto team, string title, DateTimeOffset startsAt, DateTimeOffset? endsAt = null) =>
        user.SendOkAsync<EventDto>(HttpMethod.Post, $"/api/teams/{team.Id}/events",
            new CreateEventRequest(title, Instant(startsAt), endsAt is null ? null : Instant(endsAt.Value), "Boathouse", "Bring water"));

    public static Task<EventDto> RsvpAsync(this TestUser user, EventDto teamEvent, string response) =>
        user.SendOkAsync<EventDto>(HttpMethod.Put, $"/api/teams/{teamEvent.TeamId}/events/{teamEvent.Id}/rsvp", new RsvpRequest(response));
}
