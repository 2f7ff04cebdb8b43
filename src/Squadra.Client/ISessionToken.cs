namespace Squadra.Client;

/// <summary>
/// Whose requests these are: the access token is read at every request and every hub (re)connect, so a new login
/// is used at once. The browser app keeps it in localStorage; a test or a tool holds a fixed one.
/// </summary>
public interface ISessionToken
{
    string? AccessToken { get; }

    /// <summary>The server refused the token (401 on a signed-in call): the session is over.</summary>
    Task RejectedAsync();
}

/// <summary>A token given once (null: nobody signed in yet), for tools and tests: a refusal ends nothing, the caller sees the 401.</summary>
public sealed class FixedToken(string? accessToken) : ISessionToken
{
    public string? AccessToken => accessToken;

    public Task RejectedAsync() => Task.CompletedTask;
}
