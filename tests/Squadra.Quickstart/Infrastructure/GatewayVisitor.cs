using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Teams;

namespace Squadra.Quickstart.Infrastructure;

/// <summary>What a newcomer's browser does at the address <c>./run.sh</c> prints: http://localhost:8080.</summary>
public sealed class GatewayVisitor : IDisposable
{
    private readonly HttpClient _http = new()
    {
        BaseAddress = new Uri($"http://localhost:{DefaultPorts.Gateway}"),
        Timeout = TimeSpan.FromSeconds(15),
    };

    public async Task AssertAppAndReadinessAnswerAsync()
    {
        using var page = await _http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<title>Squadra</title>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var ready = await _http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    public async Task RegisterAsync(string username, string password)
    {
        using var response = await _http.PostAsJsonAsync("/api/auth/register", new RegisterRequest(username, password));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public async Task<string> LogInAsync(string username, string password)
    {
        using var response = await _http.PostAsJsonAsync("/api/auth/login", new LoginRequest(username, password));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<LoginResponse>())!.AccessToken;
    }

    public async Task<string> CreateTeamAsync(string token, string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/teams") { Content = JsonContent.Create(new CreateTeamRequest(name)) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TeamDto>())!.Id;
    }

    public async Task<IReadOnlyList<TeamDto>> TeamsAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/teams");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<List<TeamDto>>())!;
    }

    public void Dispose() => _http.Dispose();
}
