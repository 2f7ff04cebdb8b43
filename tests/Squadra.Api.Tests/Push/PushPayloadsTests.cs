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

    [Fact]
    public void AReminderIsPushedSayingWhoseMessageWhereAndOpensItInItsChat()
    {
        var inTeam = PushPayloads.For(new WrittenNotification(Guid.NewGuid(), 2, NotificationTypes.MessageReminder, Guid.NewGuid(),
            """{"message":{"id":"m-1","teamId":"t-1","seq":7,"author":{"id":"u-1","username":"ana","displayName":"Ana Lima"},"body":"Send the\nreport"},"teamName":"Rowing club"}"""), null)!;
        var inDm = PushPayloads.For(new WrittenNotification(Guid.NewGuid(), 3, NotificationTypes.MessageReminder, null,
            """{"message":{"id":"m-2","dmId":"d-1","seq":3,"author":{"id":"u-1","username":"ana","displayName":"Ana Lima"},"body":"Call me"},"teamName":null}"""), null)!;

        Assert.True(PushPayloads.IsPushed(NotificationTypes.MessageReminder));
        Assert.Equal(("Reminder: Ana Lima in Rowing club", "Send the report", "/teams/t-1?message=7"), (inTeam.Title, inTeam.Body, inTeam.Url));
        Assert.Equal(("Reminder: Ana Lima", "Call me", "/dms/d-1?message=3"), (inDm.Title, inDm.Body, inDm.Url));
    }
}
