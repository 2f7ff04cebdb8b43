using Squadra.Api.Features.Notifications;
using Squadra.Api.Features.Push;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Push;

namespace Squadra.Api.Tests.Push;

/// <summary>How a pushed notification reads, and the buttons of one that asks for an answer.</summary>
public sealed class PushPayloadsTests
{
    private static WrittenNotification EventNotification(string type) =>
        new(Guid.NewGuid(), 1, type, Guid.NewGuid(), """{"event":{"id":"e-1","teamId":"t-1","title":"Training"}}""");

    [Fact]
    public void ARequestForAnAnswerCarriesGoingAndCantGoButtonsThatOpenTheEventWithTheAnswer()
    {
        var payload = PushPayloads.For(EventNotification(NotificationTypes.EventRsvpRequested), "Rowing club")!;

        Assert.Equal(("Are you coming?", "Training, in Rowing club", "/teams/t-1/calendar?event=e-1"), (payload.Title, payload.Body, payload.Url));
        Assert.Equal(
            [new PushAction("going", "Going", "/teams/t-1/calendar?event=e-1&rsvp=going"), new PushAction("declined", "Can't go", "/teams/t-1/calendar?event=e-1&rsvp=declined")],
            payload.Actions!);
    }

    [Fact]
    public void OtherNotificationsHaveNoButtons()
    {
        var payload = PushPayloads.For(EventNotification(NotificationTypes.EventCreated), "Rowing club")!;

        Assert.Null(payload.Actions);
    }
}
