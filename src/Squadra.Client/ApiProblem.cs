using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Squadra.Client;

/// <summary>An RFC 9457 problem from the API, or one made up here when the answer was not a problem document.</summary>
public sealed record ApiProblem(
    int Status,
    string? Title,
    string? Detail,
    IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>How long the server asked to be left alone (its Retry-After), if it said.</summary>
    [JsonIgnore]
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The sentence to show a person: the server's own words when it gave any.</summary>
    public string Message => Detail ?? Title ?? $"The request failed ({Status}).";

    public static ApiProblem Unreachable { get; } =
        new(0, "Server unreachable", "Squadra could not be reached. Check your connection and try again.");

    internal static async Task<ApiProblem> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        if (response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.Ordinal) == true)
        {
            try
            {
                var problem = await response.Content.ReadFromJsonAsync<ApiProblem>(ct);
                if (problem is not null)
                    return problem with { Status = status };
            }
            catch (JsonException)
            {
                // Not a problem document after all; fall through to a generic one.
            }
        }

        // A gateway error page or an empty body: say what a person can do about it.
        return status >= 500
            ? new(status, "Server unavailable", "Squadra is not answering right now. Try again in a moment.")
            : new(status, response.ReasonPhrase, null);
    }
}
