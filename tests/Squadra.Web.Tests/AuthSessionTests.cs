using System.Text.Json;
using Squadra.Contracts.Accounts;

namespace Squadra.Web.Tests;

public sealed class AuthSessionTests : SquadraTestContext
{
    [Fact]
    public async Task ASavedSessionSurvivesAReload()
    {
        Stored(new LoginResponse("token-1", DateTimeOffset.UtcNow.AddHours(1), Alice));

        await Session.RestoreAsync();

        Assert.Equal(Alice, Session.User);
        Assert.Equal("token-1", Session.AccessToken);
    }

    [Fact]
    public async Task AnExpiredSessionIsDropped()
    {
        Stored(new LoginResponse("token-1", DateTimeOffset.UtcNow.AddMinutes(-1), Alice));

        await Session.RestoreAsync();

        Assert.False(Session.IsSignedIn);
        Assert.Contains(JSInterop.Invocations, call => call.Identifier == "localStorage.removeItem");
    }

    void Stored(LoginResponse login) =>
        JSInterop.Setup<string?>("localStorage.getItem", AuthSession.StorageKey)
            .SetResult(JsonSerializer.Serialize(login, JsonSerializerOptions.Web));
}
