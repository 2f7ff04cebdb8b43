using System.Net;
using System.Net.Http.Json;
using System.Text;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Chat;

namespace Squadra.Api.Tests.Text;

/// <summary>api-v2 "Text is stored as NFC": the same words typed as decomposed or composed characters are one text.</summary>
[Collection(ApiCollection.Name)]
public sealed class NormalizationTests(ApiCluster cluster)
{
    // "José Müller" with each accent as a combining mark after its letter (NFD), and as one character (NFC).
    private const string Decomposed = "Jose\u0301 Mu\u0308ller";
    private const string Composed = "Jos\u00E9 M\u00FCller";

    [Fact]
    public async Task NamesAndMessagesAreStoredComposed()
    {
        var client = cluster.Replica1.CreateClient();
        var username = AccountClient.UniqueUsername();
        using (var register = await client.PostAsJsonAsync("/api/auth/register", new RegisterRequest(username, AccountClient.Password, Decomposed)))
        {
            Assert.Equal(HttpStatusCode.Created, register.StatusCode);
            Assert.Equal(Composed, (await register.Content.ReadFromJsonAsync<UserDto>())!.DisplayName);
        }
        var owner = new TestUser(client, await client.LoginAsync(username));

        var team = await owner.CreateTeamAsync(Decomposed);
        var posted = await owner.SendOkAsync<MessageDto>(HttpMethod.Post, $"/api/teams/{team.Id}/messages", new PostMessageRequest(Decomposed));
        var history = await owner.SendOkAsync<List<MessageDto>>(HttpMethod.Get, $"/api/teams/{team.Id}/messages");

        Assert.Equal(Composed, team.Name);
        Assert.Equal(Composed, posted.Body);
        Assert.Equal(Composed, Assert.Single(history).Body);
        Assert.True(Assert.Single(history).Body.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public async Task APasswordTypedEitherWayLogsIn()
    {
        var client = cluster.Replica1.CreateClient();
        var username = AccountClient.UniqueUsername();
        await client.RegisterAsync(username, $"{Composed} rows");

        await client.LoginAsync(username, $"{Decomposed} rows");
    }

    [Fact]
    public async Task TextThatIsNotUnicodeIsRefusedAsMalformed()
    {
        var owner = await cluster.NewUserAsync();
        var team = await owner.CreateTeamAsync();
        using var request = AccountClient.Authorized(HttpMethod.Post, $"/api/teams/{team.Id}/messages", owner.Token);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        // A lone high surrogate: no character at all, which PostgreSQL could not store.
        request.Content = new StringContent("""{"body":"half a \ud83d pair"}""", Encoding.UTF8, "application/json");

        using var response = await owner.Client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
