namespace Squadra.Web.Features.Accounts;

/// <summary>A store of one signed-in user's data (teams, inbox, notifications, chats, names).</summary>
public interface IUserScoped
{
    /// <summary>
    /// The signed-in user changed (signed in, restored, signed out, another account): forget everything of the last
    /// one, and start for <paramref name="userId"/> (null: nobody). Called by <see cref="SessionLifetime"/> only.
    /// </summary>
    void Reset(string? userId);
}
