using System.Net;
using System.Text;
using Squadra.Api.Tests.Infrastructure;

namespace Squadra.Api.Tests.Accounts;

[Collection(ApiCollection.Name)]
public sealed class MalformedRequestTests(ApiCluster cluster)
{
    private readonly HttpClient _client = cluster.Replica1.CreateClient();

    private Task<HttpResponseMessage> PostRawAsync(string path, string body, string mediaType = "application/json") =>
        _client.PostAsync(path, new StringContent(body, Encoding.UTF8, mediaType));

    [Theory]
    [InlineData("/api/auth/register", "{\"username\": \"abc\", ")]
    [InlineData("/api/auth/register", "not json at all")]
    [InlineData("/api/auth/login", "{\"username\": }")]
    public async Task MalformedJsonIsABadRequestProblem(string path, string body)
    {
        using var response = await PostRawAsync(path, body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Theory]
    [InlineData("{\"username\": 42, \"password\": \"password123\"}")]
    [InlineData("{\"username\": [\"a\"], \"password\": \"password123\"}")]
    [InlineData("{\"username\": \"someone\", \"password\": true}")]
    public async Task WrongJsonTypesAreABadRequestProblem(string body)
    {
        using var response = await PostRawAsync("/api/auth/register", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/api/auth/register", "{\"username\": 42, \"password\": \"password123\"}")]
    [InlineData("/api/auth/register", "{\"username\": \"abc\", ")]
    [InlineData("/api/auth/login", "")]
    public async Task ARefusalNamesNoTypeOfTheServer(string path, string body)
    {
        using var response = await PostRawAsync(path, body);

        var detail = (await response.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString()!;
        Assert.DoesNotContain("System.", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Request ", detail, StringComparison.Ordinal); // RegisterRequest, LoginRequest
        Assert.DoesNotContain("Squadra", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingBodyIsABadRequestProblem()
    {
        using var response = await PostRawAsync("/api/auth/login", "");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ABodyOver64KibIsRefusedWith413()
    {
        var body = $"{{\"username\": \"someone\", \"password\": \"{new string('x', 70 * 1024)}\"}}";

        using var response = await PostRawAsync("/api/auth/register", body);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task ANonJsonContentTypeIsRefusedWithAProblem()
    {
        using var response = await PostRawAsync("/api/auth/login", "username=a&password=b", "application/x-www-form-urlencoded");

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task AnUnknownApiPathIsANotFoundProblem()
    {
        using var response = await _client.GetAsync("/api/no-such-thing");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
