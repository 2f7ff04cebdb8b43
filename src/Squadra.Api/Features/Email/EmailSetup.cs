using System.ComponentModel.DataAnnotations;

namespace Squadra.Api.Features.Email;

internal static class EmailSetup
{
    /// <summary>Email through an outbox: the features write emails in their transactions; one replica at a time sends them.</summary>
    public static IHostApplicationBuilder AddEmail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateDataAnnotations()
            // Data annotations are checked on the section's own properties only: the relay's are checked here.
            .Validate(email => Validator.TryValidateObject(email.Smtp, new ValidationContext(email.Smtp), null, validateAllProperties: true),
                "Email:Smtp is missing or malformed (Host, Port 1-65535, Security None|StartTls|SslOnConnect|Auto, FromAddress an address).")
            .ValidateOnStart();
        builder.Services.AddSingleton<EmailSender>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<EmailSender>());
        return builder;
    }
}
