using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Squadra.Api.Tests.Infrastructure;

/// <summary>One backend replica, in process, against the shared real PostgreSQL.</summary>
public sealed class ApiFactory(
    string connectionString,
    string replicaName,
    IReadOnlyDictionary<string, string>? settings = null,
    Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    // Every replica of a test run shares this key, as the real replicas share theirs.
    public const string SigningKey = "c3F1YWRyYS10ZXN0LXNpZ25pbmcta2V5LW9mLWF0LWxlYXN0LTMyLWJ5dGVz";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Squadra", connectionString);
        builder.UseSetting("Auth:SigningKey", SigningKey);
        builder.UseSetting("Replica:Name", replicaName);
        // Hashing stays real (Identity's PBKDF2) but cheaper, so the suite does not spend minutes hashing.
        builder.UseSetting("Auth:PasswordHasher:IterationCount", "1000");
        // Every test client is one address and few users acting fast; RateLimitTests start replicas with the real limits.
        builder.UseSetting("RateLimiting:LoginPermitLimit", "100000");
        builder.UseSetting("RateLimiting:RegisterPermitLimit", "100000");
        builder.UseSetting("RateLimiting:WritesPerMinute", "1000000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}
