using Squadra.Api.Features.Teams;
using Squadra.Api.Realtime;

namespace Squadra.Api.Features.Events;

internal static class EventsSetup
{
    public static IHostApplicationBuilder AddEvents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EventStore>();
        // A member leaving the team frees their places on the waitlisted events, in the removal's transaction.
        builder.Services.AddSingleton<IMemberDepartureHandler>(sp => sp.GetRequiredService<EventStore>());
        builder.Services.AddFanoutEvent<EventChanged>("e");
        builder.Services.AddFanout<EventFanout>();
        builder.Services.AddSingleton<CalendarFeedTokens>();
        builder.Services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ReminderSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReminderSweeper>());
        builder.Services.AddOptions<SeriesOptions>().BindConfiguration(SeriesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SeriesExtender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SeriesExtender>());
        return builder;
    }
}
