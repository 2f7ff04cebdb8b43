using Squadra.Api.Realtime;

namespace Squadra.Api.Features.Saved;

internal static class SavedSetup
{
    /// <summary>Saved messages, kept on the server so every device of a user has the same list, and their reminders.</summary>
    public static IHostApplicationBuilder AddSaved(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SavedStore>();
        builder.Services.AddFanoutEvent<MessageSaveChanged>("sv");
        builder.Services.AddFanout<SavedFanout>();
        builder.Services.AddOptions<SavedReminderOptions>().BindConfiguration(SavedReminderOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SavedReminderSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SavedReminderSweeper>());
        return builder;
    }
}
