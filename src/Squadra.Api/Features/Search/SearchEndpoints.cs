using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Squadra.Api.Auth;
using Squadra.Api.Errors;
using Squadra.Api.Features.Chat;
using Squadra.Contracts.Search;

namespace Squadra.Api.Features.Search;

internal static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", Search).WithTags("Search").WithName("Search").RequireAuthorization()
            .WithSummary("Messages of the caller's teams and DMs matching q (words, \"a phrase\", -word, from:username), best match first; optionally within one team or DM, and before an instant.");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<SearchResultDto>>, ProblemHttpResult>> Search(
        string? q, Guid? teamId, Guid? dmId, int? limit, DateTimeOffset? before, ClaimsPrincipal user, SearchStore store, CancellationToken ct)
    {
        var refusal = (q?.Trim(), teamId, dmId, limit) switch
        {
            (null or "", _, _, _) => Problems.Validation("q", "q is required: what to look for."),
            ({ Length: > SearchRules.QueryMaxLength }, _, _, _) => Problems.Validation("q", $"q is at most {SearchRules.QueryMaxLength} characters."),
            ({ } text, _, _, _) when Contracts.TextRules.Error(text, "q") is { } error => Problems.Validation("q", error),
            (_, { }, { }, _) => Problems.Validation("dmId", "Search within a team or within a DM, not both."),
            (_, _, _, < 1 or > SearchRules.MaxLimit) => Problems.Validation("limit", $"limit must be 1-{SearchRules.MaxLimit}."),
            _ => null,
        };
        if (refusal is not null)
        {
            return refusal;
        }
        Conversation? within = teamId is { } team ? Conversation.Team(team) : dmId is { } dm ? Conversation.Dm(dm) : null;
        // Npgsql writes only UTC instants to timestamptz: "before" may come with any offset.
        var query = new SearchQuery(SearchTerms.Parse(q!.Trim()), within, before?.ToUniversalTime(), limit ?? SearchRules.DefaultLimit);
        return (await store.SearchAsync(user.UserId(), query, ct)).ToOk();
    }
}
