using Squadra.Contracts.Teams;

namespace Squadra.Web.Features.Teams;

/// <summary>
/// Which actions the page offers, mirroring the API's rules (spec/api.md "Teams and membership"), so nobody is
/// shown a button that can only answer 403 or 409. The API still decides.
/// </summary>
public static class TeamPermissions
{
    public static bool CanInvite(string myRole) => TeamRoles.CanManage(myRole);

    /// <summary>Only the owner changes roles, and the owner's own role is fixed.</summary>
    public static bool CanChangeRole(string myRole, MemberDto target) => myRole == TeamRoles.Owner && target.Role != TeamRoles.Owner;

    /// <summary>
    /// The owner removes anyone but themself; an admin removes plain members only. Removing oneself is leaving,
    /// which has its own button.
    /// </summary>
    public static bool CanRemove(string myRole, string myUserId, MemberDto target) =>
        target.UserId != myUserId && (myRole, target.Role) switch
        {
            (TeamRoles.Owner, not TeamRoles.Owner) => true,
            (TeamRoles.Admin, TeamRoles.Member) => true,
            _ => false,
        };

    /// <summary>The owner cannot leave: a team always has one. Deleting it is the owner's way out.</summary>
    public static bool CanLeave(string myRole) => myRole != TeamRoles.Owner;

    public static bool CanDelete(string myRole) => myRole == TeamRoles.Owner;

    /// <summary>Who may rename the team may set the language its messages are searched in.</summary>
    public static bool CanChangeLanguage(string myRole) => TeamRoles.CanManage(myRole);
}
