using System.Net;
using System.Net.Http.Json;

namespace Squadra.Client.Tests;

/// <summary>Answers requests in the order given (the last answer repeats), and keeps what was asked.</summary>
public sealed class ScriptedServer(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
{
    readonly List<HttpRequestMessage> _requests = [];

    public IReadOnlyList<HttpRequestMessage> Requests => _requests;

    public static Func<HttpResponseMessage> Status(HttpStatusCode status, string? retryAfter = null) => () =>
    {
        var response = new HttpResponseMessage(status);
        if (retryAfter is not null)
            response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        return response;
    };

    public static Func<HttpResponseMessage> Json(HttpStatusCode status, object body) =>
        () => new HttpResponseMessage(status) { Content = JsonContent.Create(body) };

    public static Func<HttpResponseMessage> NoAnswer => () => throw new HttpRequestException("connection refused");

    public ApiClient Client(ISessionToken session, TimeProvider clock) =>
        new(new HttpClient(this) { BaseAddress = new Uri("http://squadra.test/") }, session, clock);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Add(request);
        return Task.FromResult(answers[Math.Min(_requests.Count, answers.Length) - 1]());
    }
}
