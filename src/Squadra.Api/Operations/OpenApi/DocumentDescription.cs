using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Squadra.Api.Operations.OpenApi;

/// <summary>What the document says about itself: title, the bearer scheme, the tags, and servers relative to where it was fetched.</summary>
internal sealed class DocumentDescription : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "bearer";

    private static readonly (string Name, string Description)[] Tags =
    [
        ("Accounts", "Register, log in and out, and who the caller is."),
        ("Teams", "Teams and their members; a team is a topic its members receive live."),
        ("Invitations", "Inviting people into a team, and answering invitations."),
        ("Chat", "A team's messages: history by seq, posting, editing and deleting."),
        ("Events", "A team's events with RSVP, and calendar feeds for calendar apps."),
        ("Notifications", "The caller's notifications, read state included."),
        ("Operations", "The cluster's state, for operators (on each replica's own port)."),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Squadra API";
        document.Info.Description = "Teams, chat, events and notifications. Every refusal is an RFC 9457 problem; every POST takes an " +
            "Idempotency-Key; any replica answers any request. Real time (SignalR) is at /hubs/realtime.";
        // The repository grants no licence (it has no LICENSE file): say so rather than leave it unsaid.
        document.Info.License = new OpenApiLicense { Name = "Proprietary (no licence granted)", Identifier = "LicenseRef-Squadra-Proprietary" };
        // Relative, so the document is right whichever gateway or replica serves it.
        document.Servers = [new OpenApiServer { Url = "/", Description = "Where this document was fetched from" }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "The accessToken of POST /api/auth/login.",
        };
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(tag => new OpenApiTag { Name = tag.Name, Description = tag.Description }));
        return Task.CompletedTask;
    }
}
