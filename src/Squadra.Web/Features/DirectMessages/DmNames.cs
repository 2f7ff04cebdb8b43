using Squadra.Contracts.Accounts;
using Squadra.Contracts.DirectMessages;

namespace Squadra.Web.Features.DirectMessages;

/// <summary>How a DM is called, as in Slack: by the other people in it, "Ana Lima" or "Ana, Ben and Carl".</summary>
public static class DmNames
{
    public static IReadOnlyList<UserDto> Others(DmDto dm, string? myUserId)
    {
        var others = dm.Members.Where(m => m.Id != myUserId).OrderBy(m => m.DisplayName, StringComparer.CurrentCultureIgnoreCase).ToList();
        // A DM with oneself only (not offered, but not refused by the contract either) is named after oneself.
        return others.Count > 0 ? others : [.. dm.Members];
    }

    public static string Title(DmDto dm, string? myUserId) => Title(Others(dm, myUserId));

    public static string Title(IReadOnlyList<UserDto> people) => people.Count switch
    {
        0 => "Direct message",
        1 => people[0].DisplayName,
        _ => $"{string.Join(", ", people.Take(people.Count - 1).Select(FirstName))} and {FirstName(people[^1])}",
    };

    /// <summary>Everyone's full name, for the DM's own header, where there is room: "Ana Lima, Ben Stone".</summary>
    public static string FullNames(IReadOnlyList<UserDto> people) =>
        people.Count == 0 ? "Direct message" : string.Join(", ", people.Select(p => p.DisplayName));

    // The first word of the display name: a group's name stays short enough for the sidebar.
    static string FirstName(UserDto user)
    {
        var name = user.DisplayName.Trim();
        var space = name.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 ? name[..space] : name;
    }
}
