namespace Squadra.Api.Features.Chat;

/// <summary>
/// Whose chat: a team's, or a direct message's. A DM is kept as a team whose members have the role 'dm'
/// (0013_direct_messages.sql), so both share every statement here; each kind reaches only its own: a DM's id under
/// <c>/api/teams/</c> is an unknown team, and a team's under <c>/api/dms/</c> an unknown DM.
/// A class, not a struct: the request delegate generator takes a struct's <c>BindAsync</c> returning
/// <c>ValueTask&lt;Conversation?&gt;</c> for no binder and reads the conversation from the body.
/// </summary>
internal sealed record Conversation(Guid Id, bool IsDm)
{
    public static Conversation Team(Guid id) => new(id, IsDm: false);

    public static Conversation Dm(Guid id) => new(id, IsDm: true);

    /// <summary>What a refusal names when the caller is no member (or there is no such conversation).</summary>
    public string Noun => IsDm ? "dm" : "team";

    public string MessagesPath => IsDm ? $"/api/dms/{Id}/messages" : $"/api/teams/{Id}/messages";

    /// <summary>Bound from the route: <c>{dmId}</c> under <c>/api/dms/</c>, <c>{teamId}</c> under <c>/api/teams/</c>.</summary>
    public static ValueTask<Conversation?> BindAsync(HttpContext context)
    {
        var route = context.Request.RouteValues;
        Conversation? bound =
            Guid.TryParse(route["dmId"] as string, out var dmId) ? Dm(dmId)
            : Guid.TryParse(route["teamId"] as string, out var teamId) ? Team(teamId)
            : null;
        return ValueTask.FromResult(bound);
    }

    /// <summary>SQL: the team_members row aliased <paramref name="alias"/> makes its user a member of this kind of conversation.</summary>
    public string MemberRole(string alias) => IsDm ? $"{alias}.role = 'dm'" : $"{alias}.role <> 'dm'";
}
