using Dapper;
using Squadra.Api.Data;
using Squadra.Api.Errors;
using Squadra.Api.Features.Notifications;
using Squadra.Api.Idempotency;
using Squadra.Api.Realtime;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Features.Teams;

internal sealed class TeamStore(Db db, Announcer announcer, NotificationWriter notificationWriter, IEnumerable<IMemberDepartureHandler> departureHandlers)
{
    /// <summary>The Location of a created team: the same in the first answer and in its idempotent replays.</summary>
    public static string TeamLocation(string teamId) => $"/api/teams/{teamId}";

    /// <param name="language">One of <see cref="TeamLanguages.All"/> (validated before): it goes into SQL as a value only.</param>
    public async Task<TeamDto> CreateAsync(Guid ownerId, string name, string description, string language, IdempotentRequest idempotency, CancellationToken ct) =>
        await db.InTransactionAsync(async (connection, transaction, token) =>
        {
            var teamId = Guid.CreateVersion7();
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO teams (id, name, description, created_by, search_language)
                VALUES (@teamId, @name, @description, @ownerId, @language::regconfig);
                INSERT INTO team_members (team_id, user_id, role) VALUES (@teamId, @ownerId, 'owner');
                """,
                new { teamId, name, description, ownerId, language }, transaction, cancellationToken: token));
            announcer.AfterCommit(transaction, new MembershipChanged(teamId, [ownerId], []));
            var team = (await connection.TeamAsSeenByAsync(teamId, ownerId, transaction, token))!.ToDto();
            await idempotency.RecordAsync(connection, transaction, StatusCodes.Status201Created, team, TeamLocation(team.Id), token);
            return team;
        }, ct);

    public async Task<IReadOnlyList<TeamDto>> ListAsync(Guid userId, CancellationToken ct) =>
        [.. (await db.RunAsync((connection, token) => connection.TeamsOfAsync(userId, token), ct)).Select(t => t.ToDto())];

    public async Task<TeamDto?> GetAsync(Guid teamId, Guid userId, CancellationToken ct) =>
        await db.RunAsync(async (connection, token) =>
        {
            var team = await connection.TeamAsSeenByAsync(teamId, userId, null, token);
            return team?.ToDto([.. (await connection.MembersAsync(teamId, null, token)).Select(m => m.ToDto())]);
        }, ct);

    /// <summary>
    /// Changes what is given. A new language re-indexes the team's messages in this transaction: its UPDATE of the team
    /// row waits for posts in flight and makes later ones wait, and a post reads the language from that row as it
    /// inserts (ChatStore.PostAsync), so no message is left in the old language.
    /// </summary>
    public async Task<Outcome<TeamDto>> UpdateAsync(Guid teamId, Guid userId, string? name, string? description, string? language, CancellationToken ct) =>
        await db.InTransactionAsync<Outcome<TeamDto>>(async (connection, transaction, token) =>
        {
            var role = await connection.LockRoleAsync(teamId, userId, transaction, token);
            if (role is null)
            {
                return new Refusal.NotFound("team");
            }
            if (!TeamRoles.CanManage(role))
            {
                return new Refusal.Forbidden("Only the team's owner or an admin can change it.");
            }
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE teams SET name = coalesce(@name, name), description = coalesce(@description, description),
                                 search_language = coalesce(@language::regconfig, search_language)
                WHERE id = @teamId
                """,
                new { teamId, name, description, language }, transaction, cancellationToken: token));
            if (language is not null)
            {
                // Each rewritten row's search column is computed again by PostgreSQL; rows already in it are left alone.
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE messages SET search_language = @language::regconfig WHERE team_id = @teamId AND search_language <> @language::regconfig",
                    new { teamId, language }, transaction, cancellationToken: token));
            }
            return (await connection.TeamAsSeenByAsync(teamId, userId, transaction, token))!.ToDto();
        }, ct);

    public async Task<Outcome<bool>> DeleteAsync(Guid teamId, Guid userId, CancellationToken ct) =>
        await db.InTransactionAsync<Outcome<bool>>(async (connection, transaction, token) =>
        {
            var role = await connection.LockRoleAsync(teamId, userId, transaction, token);
            if (role is null)
            {
                return new Refusal.NotFound("team");
            }
            if (role != TeamRoles.Owner)
            {
                return new Refusal.Forbidden("Only the team's owner can delete it.");
            }
            var members = await connection.MemberIdsAsync(teamId, transaction, token);
            var name = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
                "DELETE FROM teams WHERE id = @teamId RETURNING name", new { teamId }, transaction, cancellationToken: token));
            await new NotificationBatch()
                .Add(members.Where(m => m != userId), NotificationTypes.TeamDeleted, teamId, new TeamDeletedData(teamId.ToString(), name!))
                .WriteAsync(connection, transaction, notificationWriter, token);
            announcer.AfterCommit(transaction, new MembershipChanged(teamId, [], members));
            return true;
        }, ct);

    public async Task<Outcome<MemberDto>> ChangeRoleAsync(Guid teamId, Guid actorId, Guid targetId, string role, CancellationToken ct) =>
        await db.InTransactionAsync<Outcome<MemberDto>>(async (connection, transaction, token) =>
        {
            var actorRole = await connection.LockRoleAsync(teamId, actorId, transaction, token);
            if (actorRole is null)
            {
                return new Refusal.NotFound("team");
            }
            if (actorRole != TeamRoles.Owner)
            {
                return new Refusal.Forbidden("Only the team's owner can change roles.");
            }
            var targetRole = await connection.LockRoleAsync(teamId, targetId, transaction, token);
            if (targetRole is null)
            {
                return new Refusal.NotFound("member");
            }
            if (targetRole == TeamRoles.Owner)
            {
                return new Refusal.Conflict("Owner's role is fixed", "The team's owner stays owner; a team always has one.");
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE team_members SET role = @role WHERE team_id = @teamId AND user_id = @targetId",
                new { teamId, targetId, role }, transaction, cancellationToken: token));
            if (!TeamRoles.CanManage(role))
            {
                await RevokePendingInvitationsByAsync(connection, transaction, teamId, targetId, token);
            }
            return (await connection.MembersAsync(teamId, transaction, token)).Single(m => m.UserId == targetId).ToDto();
        }, ct);

    /// <summary>
    /// Removes a member, or lets one leave (actor = target). The features that hold something of theirs (events: the
    /// places they held, given to the waitlist) act in the same transaction (IMemberDepartureHandler).
    /// </summary>
    public async Task<Outcome<bool>> RemoveMemberAsync(Guid teamId, Guid actorId, Guid targetId, CancellationToken ct) =>
        await db.InTransactionAsync<Outcome<bool>>(async (connection, transaction, token) =>
        {
            var actorRole = await connection.LockRoleAsync(teamId, actorId, transaction, token);
            if (actorRole is null)
            {
                return new Refusal.NotFound("team");
            }
            var targetRole = actorId == targetId ? actorRole : await connection.LockRoleAsync(teamId, targetId, transaction, token);
            if (targetRole is null)
            {
                return new Refusal.NotFound("member");
            }
            if (RemovalRefusal(actorId, actorRole, targetId, targetRole) is { } refusal)
            {
                return refusal;
            }

            var team = (await connection.TeamAsSeenByAsync(teamId, targetId, transaction, token))!;
            var removed = (await connection.MembersAsync(teamId, transaction, token)).Single(m => m.UserId == targetId);
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM team_members WHERE team_id = @teamId AND user_id = @targetId",
                new { teamId, targetId }, transaction, cancellationToken: token));
            await RevokePendingInvitationsByAsync(connection, transaction, teamId, targetId, token);
            var remaining = await connection.MemberIdsAsync(teamId, transaction, token);
            var notifications = new NotificationBatch()
                .Add(remaining.Append(targetId).Where(u => u != actorId), NotificationTypes.MemberRemoved, teamId,
                    new MemberRemovedData(targetId.ToString(), removed.Username, removed.DisplayName, team.Name));
            foreach (var handler in departureHandlers)
            {
                await handler.OnMemberLeftAsync(connection, transaction, teamId, targetId, notifications, token);
            }
            await notifications.WriteAsync(connection, transaction, notificationWriter, token);
            announcer.AfterCommit(transaction, new MembershipChanged(teamId, [], [targetId]));
            return true;
        }, ct);

    /// <summary>
    /// An invitation speaks for its inviter: one who may no longer invite (demoted to member, removed, gone) leaves
    /// none pending that someone could still accept.
    /// </summary>
    private static Task<int> RevokePendingInvitationsByAsync(Npgsql.NpgsqlConnection connection, Npgsql.NpgsqlTransaction transaction, Guid teamId, Guid inviterId, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE invitations SET status = 'revoked', responded_at = now()
            WHERE team_id = @teamId AND inviter_id = @inviterId AND status = 'pending'
            """,
            new { teamId, inviterId }, transaction, cancellationToken: ct));

    private static Refusal? RemovalRefusal(Guid actorId, string actorRole, Guid targetId, string targetRole) =>
        (actorId == targetId, actorRole, targetRole) switch
        {
            (true, TeamRoles.Owner, _) => new Refusal.Conflict("Owner cannot leave", "The team's owner cannot leave it; delete the team instead."),
            (true, _, _) => null,
            (false, TeamRoles.Member, _) => new Refusal.Forbidden("Only the team's owner or an admin can remove members."),
            (false, _, TeamRoles.Owner) => new Refusal.Forbidden("The team's owner cannot be removed."),
            (false, TeamRoles.Admin, TeamRoles.Admin) => new Refusal.Forbidden("Only the team's owner can remove an admin."),
            _ => null,
        };
}
