using Squadra.Api.Tests.Infrastructure;

namespace Squadra.Api.Tests.Configuration;

/// <summary>
/// Every options section is validated when the replica starts: a wrong setting stops it with a message naming the
/// setting, instead of a replica that serves and fails on the first request that needs it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class StartupValidationTests(ApiCluster cluster)
{
    [Theory]
    [InlineData("Database:Hosts", "", "Hosts")]
    [InlineData("Database:Hosts", "127.0.0.1:5432,pg-node2:not-a-port", "'pg-node2:not-a-port' is not host or host:port")]
    [InlineData("Database:MaxPoolSize", "0", "MaxPoolSize")]
    [InlineData("Database:ConnectionBudget", "0", "ConnectionBudget")]
    [InlineData("Database:CommandTimeoutSeconds", "0", "CommandTimeoutSeconds")]
    [InlineData("Database:Locator:ProbeTimeout", "00:05:00", "ProbeTimeout")]
    [InlineData("Cluster:Replicas:0:Name", "api-1", "Cluster:Replicas:0:Url '' is not an absolute http(s) URL")]
    [InlineData("Cluster:Replicas:0:Url", "api-1:8080", "Cluster:Replicas:0:Name is empty")]
    [InlineData("Auth:PasswordHasher:IterationCount", "10", "Auth:PasswordHasher:IterationCount must be at least 1000")]
    [InlineData("Auth:PasswordHasher:CompatibilityMode", "IdentityV2", "CompatibilityMode must be IdentityV3")]
    [InlineData("Network:TrustedProxies", "127.0.0.1,the-gateway", "Network:TrustedProxies: 'the-gateway'")]
    [InlineData("RateLimiting:WritesPerMinute", "0", "WritesPerMinute")]
    [InlineData("Realtime:Presence:ReplicaTimeout", "00:00:00", "ReplicaTimeout")]
    [InlineData("Email:Smtp:Port", "0", "Email:Smtp")]
    [InlineData("Email:Smtp:Security", "Sometimes", "Email:Smtp")]
    [InlineData("Push:Vapid:PublicKey", "not-a-key", "Push:Vapid:PublicKey must be an uncompressed P-256 point")]
    [InlineData("Push:Vapid:PrivateKey", "AAAA", "Push:Vapid:PrivateKey must be a P-256 private key")]
    [InlineData("Push:Vapid:PrivateKey", "c3F1YWRyYS10ZXN0LXNpZ25pbmcta2V5LW9mLWF0LWw", "are not one key pair")]
    [InlineData("Push:Vapid:Subject", "squadra@example.org", "Push:Vapid:Subject must be a mailto: or https: URI")]
    [InlineData("Attachments:UrlKey", "", "Attachments:UrlKey must be set to a key of at least 32 bytes")]
    [InlineData("Attachments:UrlKey", "c2hvcnQta2V5", "Attachments:UrlKey must be set to a key of at least 32 bytes")]
    [InlineData("Attachments:TeamQuotaBytes", "0", "TeamQuotaBytes")]
    public async Task AReplicaWithAWrongSettingDoesNotStartAndNamesIt(string setting, string value, string named)
    {
        await using var broken = cluster.StartReplica($"api-config-{Guid.NewGuid():N}"[..18], settings: new Dictionary<string, string> { [setting] = value });

        var failure = Assert.ThrowsAny<Exception>(() => broken.CreateClient());

        Assert.Contains(named, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReplicaWithTheDeploymentsDefaultsStarts()
    {
        await using var replica = cluster.StartReplica($"api-config-{Guid.NewGuid():N}"[..18],
            settings: new Dictionary<string, string> { ["Cluster:Replicas:0:Name"] = "api-1", ["Cluster:Replicas:0:Url"] = "http://127.0.0.1:5000" });

        using var ready = await replica.CreateClient().GetAsync("/health/live");

        Assert.True(ready.IsSuccessStatusCode, $"/health/live answered {(int)ready.StatusCode}");
    }
}
