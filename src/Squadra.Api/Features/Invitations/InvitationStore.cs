using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Squadra.Api.Data;
using Squadra.Api.Errors;
using Squadra.Api.Features.Email;
using Squadra.Api.Features.NotificationPreferences;
using Squadra.Api.Features.Notifications;
using Squadra.Api.Features.Teams;
using Squadra.Api.Idempotency;
using Squadra.Api.Realtime;
using Squadra.Contracts.Invitations;
using Squadra.Contracts.Notifications;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Features.Invitations;

internal sealed partial class InvitationStore(Db db, Announcer announcer, NotificationWriter notificationWriter, IOptions<EmailOptions> email)
{
    /// <summary>The Location of a created invitation: the same in the first answer and in its idempotent replays.</summary>
    public static string InvitationLocation(string invitationId) => $"/api/invitations/{invitationId}";

    private const string UniqueViolation = "23505";

    public async Task<Outcome<InvitationDto>> InviteAsync(Guid teamId, Guid inviterId, string username, IdempotentRequest idempotency, CancellationToken ct)
    {
        try
        {
            return await db.InTransactionAsync<Outcome<InvitationDto>>(async (connection, transaction, token) =>
            {
                if (await InviterRefusalAsync(connection, transaction, teamId, inviterId, token) is { } refusal)
                {
                    return refusal;
                }
                var inviteeId = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
                    "SELECT id FROM users WHERE lower(username) = lower(@username)", new { username }, transaction, cancellationToken: token));
                if (inviteeId is not { } invitee)
                {
                    return new Refusal.NotFound("user");
                }
                if (await connection.LockRoleAsync(teamId, invitee, transaction, token) is not null)
                {
                    return new Refusal.Conflict("Already a member", $"{username} is already a member of this team.");
                }

                var id = Guid.CreateVersion7();
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO invitations (id, team_id, inviter_id, invitee_id, status) VALUES (@id, @teamId, @inviterId, @invitee, 'pending')",
                    new { id, teamId, inviterId, invitee }, transaction, cancellationToken: token));
                var invitation = (await FindAsync(connection, id, transaction, token))!.ToDto();
                await new NotificationBatch()
                    .Add(invitee, NotificationTypes.InvitationReceived, teamId, new InvitationNotificationData(invitation))
                    .WriteAsync(connection, transaction, notificationWriter, token);
                if (await NotificationPreferencesStore.EmailRecipientAsync(connection, transaction, invitee, NotificationKind.Invitations, token) is { } recipient)
                {
                    await connection.EnqueueAsync(transaction, InvitationEmail.ComposeForAccount(email.Value, recipient.Email, recipient.DisplayName, invitation),
                        $"invitation-received:{invitation.Id}", token);
                }
                await idempotency.RecordAsync(connection, transaction, StatusCodes.Status201Created, invitation, InvitationLocation(invitation.Id), token);
                return invitation;
            }, ct);
        }
        catch (PostgresException e) when (e.SqlState == UniqueViolation && e.ConstraintName == "invitations_one_pending_key")
        {
            return new Refusal.Conflict("Already invited", $"{username} already has a pending invitation to this team.");
        }
    }

    public async Task<Outcome<IReadOnlyList<InvitationDto>>> PendingForTeamAsync(Guid teamId, Guid userId, CancellationToken ct) =>
        await db.InTransactionAsync<Outcome<IReadOnlyList<InvitationDto>>>(async (connection, transaction, token) =>
        {
            var role = await connection.RoleAsync(teamId, userId, transaction, token);
            if (role is null)
            {
                return new Refusal.NotFound("team");
            }
            if (!TeamRoles.CanManage(role))
            {
                return new Refusal.Forbidden("Only the team's owner or an admin can see its invitations.");
            }
            var rows = await connection.QueryAsync<InvitationRow>(new CommandDefinition(
                $"{InvitationRow.Select} WHERE i.team_id = @teamId AND i.status = 'pending' ORDER BY i.created_at",
                new { teamId }, transaction, cancellationToken: token));
            return rows.Select(r => r.ToDto()).ToList();
        }, ct);

    public async Task<IReadOnlyList<InvitationDto>> PendingForInviteeAsync(Guid userId, CancellationToken ct) =>
        [.. (await db.RunAsync((connection, token) => connection.QueryAsync<InvitationRow>(new CommandDefinition(
            $"{InvitationRow.Select} WHERE i.invitee_id = @userId AND i.status = 'pending' ORDER BY i.created_at",
            new { userId }, cancellationToken: token)), ct)).Select(r => r.ToDto())];

    public async Task<Outcome<TeamDto>> AcceptAsync(Guid invitationId, Guid userId, IdempotentRequest idempotency, CancellationToken ct) =>
        await db.InTransactionAsync<Outcome<TeamDto>>(async (connection, transaction, token) =>
        {
            if (await AnswerAsync(connection, transaction, invitationId, userId, InvitationStatuses.Accepted, token) is { Refusal: { } refusal })
            {
                return refusal;
            }
            var team = await JoinAsync(connection, transaction, (await FindAsync(connection, invitationId, transaction, token))!, userId, token);
            await idempotency.RecordAsync(connection, transaction, StatusCodes.Status200OK, team, null, token);
            return team;
        }, ct);

    /// <summary>The accepting user joins the team (if not a member already, when nobody hears of it again), in the caller's transaction.</summary>
    private async Task<TeamDto> JoinAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, InvitationRow invitation, Guid userId, CancellationToken ct)
    {
        var joined = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO team_members (team_id, user_id, role) VALUES (@TeamId, @userId, 'member') ON CONFLICT DO NOTHING",
            new { invitation.TeamId, userId }, transaction, cancellationToken: ct)) == 1;
        if (joined)
        {
            var member = (await connection.MembersAsync(invitation.TeamId, transaction, ct)).Single(m => m.UserId == userId).ToDto();
            // The inviter hears of it once, as "accepted your invitation": a "joined" too would say the same twice.
            var others = (await connection.MemberIdsAsync(invitation.TeamId, transaction, ct))
                .Where(m => m != userId && m != invitation.InviterId);
            await new NotificationBatch()
                .Add(invitation.InviterId, NotificationTypes.InvitationAccepted, invitation.TeamId, new InvitationNotificationData(invitation.ToDto()))
                .Add(others, NotificationTypes.MemberJoined, invitation.TeamId, new MemberJoinedData(member, invitation.TeamName))
                .WriteAsync(connection, transaction, notificationWriter, ct);
            announcer.AfterCommit(transaction, new MembershipChanged(invitation.TeamId, [userId], []));
        }
        return (await connection.TeamAsSeenByAsync(invitation.TeamId, userId, transaction, ct))!.ToDto();
    }

    /// <summary>Null when the user may invite to the team (its owner or an admin); the refusal otherwise, 404 to a non-member.</summary>
    private static async Task<Refusal?> InviterRefusalAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid teamId, Guid inviterId, CancellationToken ct)
    {
        var role = await connection.LockRoleAsync(teamId, inviterId, transaction, ct);
        return role is null ? new Refusal.NotFound("team")
            : !TeamRoles.CanManage(role) ? new Refusal.Forbidden("Only the team's owner or an admin can invite.")
            : null;
    }

    public async Task<Outcome<bool>> DeclineAsync(Guid invitationId, Guid userId, IdempotentRequest idempotency, CancellationToken ct) =>
        await db.InTransactionAsync<Outcome<bool>>(async (connection, transaction, token) =>
        {
            if (await AnswerAsync(connection, transaction, invitationId, userId, InvitationStatuses.Declined, token) is { Refusal: { } refusal })
            {
                return refusal;
            }
            await idempotency.RecordAsync(connection, transaction, StatusCodes.Status204NoContent, null, null, token);
            return true;
        }, ct);

    public async Task<Outcome<bool>> RevokeAsync(Guid invitationId, Guid userId, CancellationToken ct) =>
        await db.InTransactionAsync<Outcome<bool>>(async (connection, transaction, token) =>
        {
            var invitation = await LockAsync(connection, transaction, invitationId, token);
            if (invitation is null)
            {
                return new Refusal.NotFound("invitation");
            }
            var role = await connection.LockRoleAsync(invitation.TeamId, userId, transaction, token);
            if (role is null && invitation.InviteeId != userId)
            {
                return new Refusal.NotFound("invitation");
            }
            if (invitation.InviterId != userId && (role is null || !TeamRoles.CanManage(role)))
            {
                return new Refusal.Forbidden("Only the inviter, the team's owner or an admin can revoke an invitation.");
            }
            if (invitation.Status != InvitationStatuses.Pending)
            {
                return NoLongerPending(invitation.Status);
            }
            await SetStatusAsync(connection, transaction, invitationId, InvitationStatuses.Revoked, token);
            return true;
        }, ct);

    /// <summary>The invitee's answer; only the invitee may see the invitation, and only a pending one can be answered.</summary>
    private static async Task<Outcome<bool>> AnswerAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid invitationId, Guid userId, string status, CancellationToken ct)
    {
        var invitation = await LockAsync(connection, transaction, invitationId, ct);
        if (invitation is null || invitation.InviteeId != userId)
        {
            return new Refusal.NotFound("invitation");
        }
        if (invitation.Status != InvitationStatuses.Pending)
        {
            return NoLongerPending(invitation.Status);
        }
        await SetStatusAsync(connection, transaction, invitationId, status, ct);
        return true;
    }

    private static Refusal.Conflict NoLongerPending(string status) =>
        new Refusal.Conflict("Invitation no longer pending", $"The invitation was already {status}.");

    private sealed record LockedInvitation(Guid TeamId, Guid InviterId, Guid? InviteeId, string Status);

    // The row lock serialises accept, decline and revoke of one invitation: exactly one of them wins.
    private static Task<LockedInvitation?> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<LockedInvitation>(new CommandDefinition(
            "SELECT team_id AS TeamId, inviter_id AS InviterId, invitee_id AS InviteeId, status FROM invitations WHERE id = @id FOR UPDATE",
            new { id }, transaction, cancellationToken: ct));

    private static Task<int> SetStatusAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, string status, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE invitations SET status = @status, responded_at = now() WHERE id = @id",
            new { id, status }, transaction, cancellationToken: ct));

    private static Task<InvitationRow?> FindAsync(NpgsqlConnection connection, Guid id, NpgsqlTransaction transaction, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<InvitationRow>(new CommandDefinition(
            $"{InvitationRow.Select} WHERE i.id = @id", new { id }, transaction, cancellationToken: ct));
}
