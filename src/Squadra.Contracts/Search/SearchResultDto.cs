using Squadra.Contracts.Chat;

namespace Squadra.Contracts.Search;

/// <summary>
/// One message found by <c>GET /api/search</c>: the message, its team's name (null in a DM), and its body as HTML with
/// every match in <c>&lt;mark&gt;</c> and everything else escaped, so it can be shown as markup as it is.
/// </summary>
public sealed record SearchResultDto(MessageDto Message, string? TeamName, string Highlight);

public static class SearchRules
{
    public const int QueryMaxLength = 200;
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;
}
