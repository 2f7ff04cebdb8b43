using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Squadra.Contracts.Operations;

namespace Squadra.Web.Tests;

/// <summary>Stands in for the gateway and backend: canned answers per "METHOD path", in order, and a log of what was asked.</summary>
public sealed class FakeApi : HttpMessageHandler
{
    readonly Dictionary<string, Queue<Func<Task<HttpResponseMessage>>>> _answers = [];

    public List<HttpRequestMessage> Requests { get; } = [];

    public FakeApi Answer(HttpMethod method, string path, HttpStatusCode status, object? body = null, string servedBy = "api-1") =>
        AnswerLater(method, path, () => Task.FromResult(Response(status, body, servedBy)));

    public FakeApi AnswerProblem(HttpMethod method, string path, HttpStatusCode status, string detail,
        Dictionary<string, string[]>? errors = null) =>
        Answer(method, path, status, new { status = (int)status, title = status.ToString(), detail, errors });

    public FakeApi AnswerLater(HttpMethod method, string path, Func<Task<HttpResponseMessage>> answer)
    {
        var key = $"{method} {path}";
        if (!_answers.TryGetValue(key, out var queue))
            _answers[key] = queue = new();
        queue.Enqueue(answer);
        return this;
    }

    public static HttpResponseMessage Response(HttpStatusCode status, object? body, string servedBy = "api-1")
    {
        var response = new HttpResponseMessage(status);
        response.Headers.Add(ServedBy.HeaderName, servedBy);
        if (body is not null)
        {
            var mediaType = (int)status >= 400 ? "application/problem+json" : "application/json";
            response.Content = JsonContent.Create(body, mediaType: new MediaTypeHeaderValue(mediaType));
        }

        return response;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        var key = $"{request.Method} {request.RequestUri!.AbsolutePath}";
        return _answers.TryGetValue(key, out var queue) && queue.Count > 0
            ? queue.Dequeue()()
            : throw new InvalidOperationException($"The test gave no answer for {key}.");
    }
}
