namespace Squadra.Api.Features.Attachments;

internal static class AttachmentSetup
{
    /// <summary>Files in chats: uploads, signed download urls, the sweep of uploads never attached.</summary>
    public static IHostApplicationBuilder AddAttachments(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AttachmentOptions>().BindConfiguration(AttachmentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<AttachmentUrls>();
        builder.Services.AddSingleton<AttachmentStore>();
        builder.Services.AddSingleton<AttachmentSweeper>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<AttachmentSweeper>());
        return builder;
    }
}
