using System.Text.Json;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Testing;

namespace Squadra.Api.Tests.Operations;

/// <summary>
/// Issue 24: a client generated from the OpenAPI document must know how to authenticate and which refusals to
/// expect. Linted by Redocly's recommended rules (npm @redocly/cli, tests/clients/openapi-lint): it had 35 errors
/// and 34 warnings.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiDocumentTests(ApiCluster cluster)
{
    [Fact]
    public async Task RedoclysRecommendedRulesFindNothing()
    {
        var document = Path.Combine(Path.GetTempPath(), $"squadra-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, await cluster.Replica1.CreateClient().GetStringAsync("/openapi/v1.json"));
        try
        {
            var lint = Path.Combine(RepositoryRoot.Path, "tests", "clients", "openapi-lint");
            var result = await ProcessRunner.RunAsync(Path.Combine(lint, "node_modules", ".bin", "redocly"),
                ["lint", document, "--config", Path.Combine(lint, "redocly.yaml"), "--format", "stylish"],
                new Dictionary<string, string> { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" },
                lint, TimeSpan.FromMinutes(2));

            // No error (exit code) and no warning ("You have N warnings" follows the verdict when there are any).
            Assert.True(result.ExitCode == 0 && result.Output.Contains("Your API description is valid", StringComparison.Ordinal)
                && !result.Output.Contains("You have", StringComparison.Ordinal), result.Output);
        }
        finally
        {
            File.Delete(document);
        }
    }

    [Fact]
    public async Task EveryOperationThatNeedsATokenSaysSoAndListsItsRefusals()
    {
        var document = JsonDocument.Parse(await cluster.Replica1.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));

        var post = document.GetProperty("paths").GetProperty("/api/teams/{teamId}/messages").GetProperty("post");
        Assert.True(post.GetProperty("security")[0].TryGetProperty("bearer", out _));
        var responses = post.GetProperty("responses");
        foreach (var status in new[] { "400", "401", "404", "413", "422", "429", "503" })
        {
            Assert.True(responses.TryGetProperty(status, out var response), $"POST messages lists no {status}");
            Assert.True(response.GetProperty("content").TryGetProperty("application/problem+json", out _));
        }
        Assert.Contains(post.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");

        // Every string is read through the NFC converter, which the generator took for "any type" ({}).
        var login = document.GetProperty("components").GetProperty("schemas").GetProperty("LoginResponse").GetProperty("properties");
        Assert.Equal("string", login.GetProperty("accessToken").GetProperty("type").GetString());

        // A request without a body cannot be malformed or too large: logout lists neither.
        var logout = document.GetProperty("paths").GetProperty("/api/auth/logout").GetProperty("post").GetProperty("responses");
        Assert.False(logout.TryGetProperty("413", out _));
        Assert.False(logout.TryGetProperty("400", out _));

        var register = document.GetProperty("paths").GetProperty("/api/auth/register").GetProperty("post");
        Assert.Equal(0, register.GetProperty("security").GetArrayLength());
        Assert.True(register.GetProperty("responses").TryGetProperty("409", out _));
        Assert.True(register.GetProperty("responses").TryGetProperty("429", out _));
    }
}
