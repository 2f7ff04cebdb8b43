using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Squadra.Contracts.Operations;

namespace Squadra.Web.Tests;

/// <summary>Stands in for the gateway and backend: canned answers per "METHOD path", in order, and a log of what was asked.</summary>
public sealed class FakeApi : HttpMessageHandler
{
    readonly Dictionary<string, Queue<Func<Task<HttpResponseMessage>>>> _answers = [];
    readonly Dictionary<string, (HttpStatusCode Status, object? Body)> _standing = [];
    readonly Dictionary<HttpRequestMessage, string> _bodies = [];

    public List<HttpRequestMessage> Requests { get; } = [];

    public FakeApi Answer(HttpMethod method, string path, HttpStatusCode status, object? body = null, string servedBy = "api-1") =>
        AnswerLater(method, path, () => Task.FromResult(Response(status, body, servedBy)));

    public FakeApi AnswerProblem(HttpMethod method, string path, HttpStatusCode status, string detail,
        Dictionary<string, string[]>? errors = null) =>
        Answer(method, path, status, new { status = (int)status, title = status.ToString(), detail, errors });

    /// <summary>The answer whenever no queued one is left: for reads a page repeats (the team list, the inbox).</summary>
    public FakeApi AnswerAlways(HttpMethod method, string path, HttpStatusCode status, object? body = null)
    {
        _standing[$"{method} {path}"] = (status, body);
        return this;
    }

    /// <summary>Like <see cref="AnswerAlways"/>, unless the test has given a standing answer there already.</summary>
    public FakeApi AnswerByDefault(HttpMethod method, string path, HttpStatusCode status, object? body = null)
    {
        _standing.TryAdd($"{method} {path}", (status, body));
        return this;
    }

    /// <summary>The requests made to one path (without the query), in order.</summary>
    public IReadOnlyList<HttpRequestMessage> To(HttpMethod method, string path) =>
        [.. Requests.Where(r => r.Method == method && r.RequestUri!.AbsolutePath == path)];

    /// <summary>The body a request carried, read when it was sent (the client disposes it after).</summary>
    public string? BodyOf(HttpRequestMessage request)
    {
        lock (_bodies)
            return _bodies.GetValueOrDefault(request);
    }

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

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            var body = await request.Content.ReadAsStringAsync(cancellationToken);
            lock (_bodies)
                _bodies[request] = body;
        }

        lock (Requests)
            Requests.Add(request);
        var key = $"{request.Method} {request.RequestUri!.AbsolutePath}";
        Func<Task<HttpResponseMessage>>? answer = null;
        lock (_answers)
        {
            if (_answers.TryGetValue(key, out var queue) && queue.Count > 0)
                answer = queue.Dequeue();
        }

        if (answer is not null)
            return await answer();
        return _standing.TryGetValue(key, out var standing)
            ? Response(standing.Status, standing.Body)
            : throw new InvalidOperationException($"The test gave no answer for {key}.");
    }
}
