using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

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

    /// <summary>The key of the attachments' signed urls: shared by every replica, as deploy/lib/secrets.sh's.</summary>
    public const string AttachmentUrlKey = "c3F1YWRyYS10ZXN0LWF0dGFjaG1lbnQtdXJsLWtleS0zMi1ieXRlcys=";

    /// <summary>The VAPID key pair every replica of a test run shares (made once per run, as deploy/lib/secrets.sh does once).</summary>
    public static readonly (string PublicKey, string PrivateKey) Vapid = NewVapidKeys();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        UseDatabase(builder, new NpgsqlConnectionStringBuilder(connectionString));
        builder.UseSetting("Auth:SigningKey", SigningKey);
        builder.UseSetting("Replica:Name", replicaName);
        builder.UseSetting("Attachments:UrlKey", AttachmentUrlKey);
        // Hashing stays real (Identity's PBKDF2) but cheaper, so the suite does not spend minutes hashing.
        builder.UseSetting("Auth:PasswordHasher:IterationCount", "1000");
        // Every test client is one address and few users acting fast; RateLimitTests start replicas with the real limits.
        builder.UseSetting("RateLimiting:LoginPermitLimit", "100000");
        builder.UseSetting("RateLimiting:RegisterPermitLimit", "100000");
        builder.UseSetting("RateLimiting:PasswordResetPermitLimit", "100000");
        builder.UseSetting("RateLimiting:WritesPerMinute", "1000000");
        // No relay listens for the suite: the email tests start replicas that send to their own catcher.
        builder.UseSetting("Email:Enabled", "false");
        // Push is set up but nothing is sent: the push tests start replicas that send to their own push service.
        builder.UseSetting("Push:Vapid:PublicKey", Vapid.PublicKey);
        builder.UseSetting("Push:Vapid:PrivateKey", Vapid.PrivateKey);
        builder.UseSetting("Push:Enabled", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    /// <summary>
    /// The test's server as the <c>Database</c> section a deployment sets; the tuning stays the deployments' except
    /// the timeouts, which are the test's (Npgsql's defaults unless it names them), as the suite shares two cores.
    /// </summary>
    private static void UseDatabase(IWebHostBuilder builder, NpgsqlConnectionStringBuilder database)
    {
        var hosts = (database.Host ?? "127.0.0.1").Split(',').Select(host => host.Contains(':') ? host : $"{host}:{database.Port}");
        builder.UseSetting("Database:Hosts", string.Join(',', hosts));
        builder.UseSetting("Database:Name", database.Database);
        builder.UseSetting("Database:Username", database.Username);
        builder.UseSetting("Database:Password", database.Password);
        builder.UseSetting("Database:ConnectTimeoutSeconds", database.Timeout.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Database:CommandTimeoutSeconds", database.CommandTimeout.ToString(CultureInfo.InvariantCulture));
    }

    private static (string PublicKey, string PrivateKey) NewVapidKeys()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(includePrivateParameters: true);
        return (Base64Url.EncodeToString([0x04, .. parameters.Q.X!, .. parameters.Q.Y!]), Base64Url.EncodeToString(parameters.D));
    }
}
