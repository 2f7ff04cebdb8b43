using Squadra.Api.Realtime;

namespace Squadra.Api.Features.Saved;

internal static class SavedSetup
{
    /// <summary>Saved messages, kept on the server so every device of a user has the same list.</summary>
    public static IHostApplicationBuilder AddSaved(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SavedStore>();
        builder.Services.AddFanoutEvent<MessageSaveChanged>("sv");
        builder.Services.AddFanout<SavedFanout>();
        return builder;
    }
}
