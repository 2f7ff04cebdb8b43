namespace Squadra.Contracts.Teams;

public static class TeamRoles
{
    public const string Owner = "owner";
    public const string Admin = "admin";
    public const string Member = "member";

    /// <summary>Owners and admins manage the team: rename it, invite, remove members.</summary>
    public static bool CanManage(string role) => role is Owner or Admin;
}
