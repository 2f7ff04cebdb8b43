namespace Squadra.Web.Features.DirectMessages;

/// <summary>The app's address of a DM, relative to the base href.</summary>
public static class DmLinks
{
    public static string Dm(string dmId) => $"dms/{Uri.EscapeDataString(dmId)}";

    /// <summary>The DM opened at one message, as <see cref="Teams.TeamLinks.Message"/>.</summary>
    public static string Message(string dmId, long seq) => $"{Dm(dmId)}?message={seq}";
}
