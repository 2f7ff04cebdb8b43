using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Squadra.Api.Tests.Infrastructure;
using Squadra.Contracts.Push;

namespace Squadra.Api.Tests.Push;

/// <summary>The three push endpoints and every refusal: anonymous callers, malformed subscriptions, insecure endpoints, another user's.</summary>
[Collection(ApiCollection.Name)]
public sealed class PushSubscriptionEndpointTests(ApiCluster cluster)
{
    private const string Subscriptions = "/api/push/subscriptions";

    private static PushSubscriptionRequest Browser(string? endpoint = null)
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = key.ExportParameters(false).Q;
        // Port 9 (discard) on the loopback: a sender that ever tried it would be refused at once.
        return new(endpoint ?? $"https://127.0.0.1:9/push/{Guid.NewGuid():N}",
            new PushSubscriptionKeys(Base64Url.EncodeToString([0x04, .. q.X!, .. q.Y!]), Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16))));
    }

    private Task<long> CountAsync(string endpoint, TestUser? owner = null) =>
        Sql.ScalarAsync<long>(cluster.ConnectionString,
            owner is null
                ? "SELECT count(*) FROM push_subscriptions WHERE endpoint = @endpoint"
                : "SELECT count(*) FROM push_subscriptions WHERE endpoint = @endpoint AND user_id = @owner",
            [("endpoint", endpoint), .. owner is null ? Array.Empty<(string, object)>() : [("owner", Guid.Parse(owner.User.Id))]]);

    private static string Delete(string endpoint) => $"{Subscriptions}?endpoint={Uri.EscapeDataString(endpoint)}";

    [Fact]
    public async Task ThePublicKeyIsTheServersVapidKey()
    {
        var user = await cluster.NewUserAsync();

        var key = await user.SendOkAsync<PushPublicKeyDto>(HttpMethod.Get, "/api/push/public-key");

        Assert.Equal(ApiFactory.Vapid.PublicKey, key.PublicKey);
        Assert.Equal(65, Base64Url.DecodeFromChars(key.PublicKey).Length);
    }

    [Fact]
    public async Task EveryPushEndpointRefusesAnAnonymousCaller()
    {
        var client = cluster.Replica1.CreateClient();

        using var key = await client.GetAsync("/api/push/public-key");
        using var subscribe = await client.PostAsJsonAsync(Subscriptions, Browser());
        using var unsubscribe = await client.DeleteAsync(Delete("https://127.0.0.1:9/push/x"));

        await key.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await subscribe.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await unsubscribe.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SubscribingIsCreatedAndTheSameEndpointAgainIsOkWithOneSubscriptionKept()
    {
        var user = await cluster.NewUserAsync();
        var browser = Browser();

        using var first = await user.SendAsync(HttpMethod.Post, Subscriptions, browser);
        using var again = await user.SendAsync(HttpMethod.Post, Subscriptions, browser with { Keys = Browser().Keys });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(browser.Endpoint, (await again.Content.ReadFromJsonAsync<PushSubscriptionDto>())!.Endpoint);
        Assert.Equal(1, await CountAsync(browser.Endpoint, user));
    }

    public static TheoryData<string, string> Malformed() => new()
    {
        { """{"endpoint":"","keys":{"p256dh":"K","auth":"K"}}""", "endpoint" },
        { """{"endpoint":"not a url","keys":{"p256dh":"K","auth":"K"}}""", "endpoint" },
        { """{"endpoint":"http://127.0.0.1:9/push/x","keys":{"p256dh":"K","auth":"K"}}""", "endpoint" },
        { """{"endpoint":"ftp://127.0.0.1/push/x","keys":{"p256dh":"K","auth":"K"}}""", "endpoint" },
        { $$$"""{"endpoint":"https://127.0.0.1:9/{{{new string('x', 2048)}}}","keys":{"p256dh":"K","auth":"K"}}""", "endpoint" },
        { """{"endpoint":"https://127.0.0.1:9/push/x"}""", "keys.p256dh" },
        { """{"endpoint":"https://127.0.0.1:9/push/x"}""", "keys.auth" },
        { """{"endpoint":"https://127.0.0.1:9/push/x","keys":{"p256dh":"!!not base64!!","auth":"AAAAAAAAAAAAAAAAAAAAAA"}}""", "keys.p256dh" },
        // 65 bytes that start as a point should, but are no point on P-256.
        { $$$"""{"endpoint":"https://127.0.0.1:9/push/x","keys":{"p256dh":"{{{Base64Url.EncodeToString([0x04, .. new byte[64]])}}}","auth":"AAAAAAAAAAAAAAAAAAAAAA"}}""", "keys.p256dh" },
        { $$$"""{"endpoint":"https://127.0.0.1:9/push/x","keys":{"p256dh":"{{{Browser().Keys.P256dh}}}","auth":"AAAA"}}""", "keys.auth" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task AMalformedSubscriptionIsRefusedNamingTheField(string json, string field)
    {
        var user = await cluster.NewUserAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, Subscriptions) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", user.Token);

        using var response = await user.Client.SendAsync(request);

        await response.AssertValidationProblemAsync(field);
    }

    [Fact]
    public async Task AMissingBodyIsABadRequest()
    {
        var user = await cluster.NewUserAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, Subscriptions) { Content = new StringContent("", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", user.Token);

        using var response = await user.Client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AnHttpEndpointIsAcceptedOnlyWhereInsecureEndpointsAreAllowed()
    {
        await using var testing = cluster.StartReplica($"api-push-{Guid.NewGuid():N}"[..18],
            settings: new Dictionary<string, string> { ["Push:AllowInsecureEndpoints"] = "true" });
        var user = await cluster.NewUserAsync();
        var browser = Browser($"http://127.0.0.1:9/push/{Guid.NewGuid():N}");

        using var refused = await user.SendAsync(HttpMethod.Post, Subscriptions, browser);
        using var accepted = await user.On(testing.CreateClient()).SendAsync(HttpMethod.Post, Subscriptions, browser);

        await refused.AssertValidationProblemAsync("endpoint");
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task UnsubscribingRemovesTheCallersOwnAndLeavesAnotherUsersInPlace()
    {
        var (ana, ben) = (await cluster.NewUserAsync(), await cluster.NewUserAsync());
        var browser = Browser();
        (await ana.SendAsync(HttpMethod.Post, Subscriptions, browser)).Dispose();

        using var bens = await ben.SendAsync(HttpMethod.Delete, Delete(browser.Endpoint));
        Assert.Equal(HttpStatusCode.NoContent, bens.StatusCode);
        Assert.Equal(1, await CountAsync(browser.Endpoint, ana));

        using var anas = await ana.SendAsync(HttpMethod.Delete, Delete(browser.Endpoint));
        using var again = await ana.SendAsync(HttpMethod.Delete, Delete(browser.Endpoint));
        Assert.Equal(HttpStatusCode.NoContent, anas.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal(0, await CountAsync(browser.Endpoint));
    }

    [Fact]
    public async Task UnsubscribingWithoutAnEndpointIsRefused()
    {
        var user = await cluster.NewUserAsync();

        using var response = await user.SendAsync(HttpMethod.Delete, Subscriptions);

        await response.AssertValidationProblemAsync("endpoint");
    }

    [Fact]
    public async Task AnotherUserSubscribingTheSameBrowserTakesItOver()
    {
        var (ana, ben) = (await cluster.NewUserAsync(), await cluster.NewUserAsync());
        var browser = Browser();
        (await ana.SendAsync(HttpMethod.Post, Subscriptions, browser)).Dispose();

        using var bens = await ben.SendAsync(HttpMethod.Post, Subscriptions, browser);

        Assert.Equal(HttpStatusCode.Created, bens.StatusCode);
        Assert.Equal(0, await CountAsync(browser.Endpoint, ana));
        Assert.Equal(1, await CountAsync(browser.Endpoint, ben));
    }

    [Fact]
    public async Task PastTheLimitTheOldestSubscriptionGoes()
    {
        var user = await cluster.NewUserAsync();
        var browsers = Enumerable.Range(0, 11).Select(_ => Browser()).ToList();

        foreach (var browser in browsers)
        {
            (await user.SendAsync(HttpMethod.Post, Subscriptions, browser)).Dispose();
        }

        Assert.Equal(0, await CountAsync(browsers[0].Endpoint));
        Assert.Equal(10, await Sql.ScalarAsync<long>(cluster.ConnectionString,
            "SELECT count(*) FROM push_subscriptions WHERE user_id = @user", ("user", Guid.Parse(user.User.Id))));
    }
}
