using System.Net.Http.Json;
using System.Text.Json;

namespace Squadra.Testing;

/// <summary>An email the catcher received, as its API lists it.</summary>
public sealed record CaughtEmail(string Id, string From, IReadOnlyList<string> To, string Subject, DateTimeOffset ReceivedDate);

/// <summary>
/// What an smtp4dev caught, read through its web API: the tests' own <see cref="MailCatcher"/>, or the one ./run.sh
/// starts with a stack (its web UI's address, e.g. http://127.0.0.1:5080).
/// </summary>
public sealed class MailCatcherApi(Uri address) : IDisposable
{
    // smtp4dev's largest page; EmailsAsync reads page after page.
    private const int PageSize = 1000;

    private readonly HttpClient _api = new() { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };

    public Uri Address => address;

    /// <summary>Every email caught so far, the newest first.</summary>
    public async Task<IReadOnlyList<CaughtEmail>> EmailsAsync()
    {
        var emails = new List<CaughtEmail>();
        for (var page = 1; ; page++)
        {
            var answer = await _api.GetFromJsonAsync<JsonElement>($"api/messages?page={page}&pageSize={PageSize}");
            emails.AddRange(answer.GetProperty("results").Deserialize<List<CaughtEmail>>(JsonSerializerOptions.Web)!);
            if (page >= answer.GetProperty("pageCount").GetInt32())
            {
                return emails;
            }
        }
    }

    public async Task<string> PlainTextAsync(string id) => await _api.GetStringAsync($"api/messages/{id}/plaintext");

    public async Task<string> HtmlAsync(string id) => await _api.GetStringAsync($"api/messages/{id}/html");

    /// <summary>The email's headers by name (one value each, the first).</summary>
    public async Task<IReadOnlyDictionary<string, string>> HeadersAsync(string id)
    {
        var message = await _api.GetFromJsonAsync<JsonElement>($"api/messages/{id}");
        return message.GetProperty("headers").EnumerateArray()
            .GroupBy(h => h.GetProperty("name").GetString()!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().GetProperty("value").GetString()!, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The plain text of the newest email to <paramref name="address"/> (any letter case) once one has arrived; the
    /// outbox sends within a second or two of the commit.
    /// </summary>
    public async Task<string> WaitForTextToAsync(string address, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var email = (await EmailsAsync()).FirstOrDefault(e => e.To.Any(to => to.Contains(address, StringComparison.OrdinalIgnoreCase)));
            if (email is not null)
            {
                return await PlainTextAsync(email.Id);
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No email to {address} within {timeout}.");
            }
            await Task.Delay(250);
        }
    }

    /// <summary>Whether the catcher answers now (a refused connection or a timeout is "no").</summary>
    public async Task<bool> AnswersAsync()
    {
        try
        {
            using var response = await _api.GetAsync(new Uri("api/server", UriKind.Relative));
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => _api.Dispose();
}
