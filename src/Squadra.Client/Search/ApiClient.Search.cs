using System.Globalization;
using Squadra.Client.Chat;
using Squadra.Contracts.Search;

namespace Squadra.Client;

public sealed partial class ApiClient
{
    /// <summary>
    /// The messages of the user's teams and DMs matching <paramref name="query"/> (words, <c>"a phrase"</c>, <c>-word</c>,
    /// <c>from:username</c>), best match first; within one chat when <paramref name="within"/> is given.
    /// </summary>
    public Task<ApiResult<List<SearchResultDto>>> SearchAsync(string query, ChatKey? within = null, int limit = SearchRules.DefaultLimit, CancellationToken ct = default)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"api/search?q={Uri.EscapeDataString(query)}&limit={limit}");
        if (within is { } chat)
            path += $"&{(chat.IsDm ? "dmId" : "teamId")}={Uri.EscapeDataString(chat.Id)}";
        return SendAsync<List<SearchResultDto>>(HttpMethod.Get, path, body: null, signedIn: true, ct);
    }
}
