using Dapper;
using Npgsql;
using Squadra.Api.Errors;
using Squadra.Api.Features.Email;
using Squadra.Api.Idempotency;
using Squadra.Contracts.Accounts;
using Squadra.Contracts.Invitations;
using Squadra.Contracts.Teams;

namespace Squadra.Api.Features.Invitations;

/// <summary>
/// Invitations to an email address: the address gets a link to /join/{token}; whoever opens it and signs in (or signs up)
/// joins. Nothing is looked up by the address, so an inviter never learns whether it belongs to an account.
/// </summary>
internal sealed partial class InvitationStore
{
    public static readonly TimeSpan EmailInvitationLifetime = TimeSpan.FromDays(7);

    /// <summary>Pending email invitations a team may have at once: enough for a club's season, not for a mailing list.</summary>
    public const int PendingEmailInvitationsPerTeam = 200;

    private const string PendingEmailKey = "invitations_one_pending_email_key";

    public async Task<Outcome<InvitationDto>> InviteByEmailAsync(Guid teamId, Guid inviterId, string address, IdempotentRequest idempotency, CancellationToken ct)
    {
        try
        {
            return await db.InTransactionAsync<Outcome<InvitationDto>>(async (connection, transaction, token) =>
            {
                if (await InviterRefusalAsync(connection, transaction, teamId, inviterId, token) is { } refusal)
                {
                    return refusal;
                }
                // An expired invitation to the address gives way to the new one.
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE invitations SET status = 'revoked', responded_at = now()
                    WHERE team_id = @teamId AND lower(email) = lower(@address) AND status = 'pending' AND expires_at <= now()
                    """,
                    new { teamId, address }, transaction, cancellationToken: token));
                var pending = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                    "SELECT count(*) FROM invitations WHERE team_id = @teamId AND email IS NOT NULL AND status = 'pending'",
                    new { teamId }, transaction, cancellationToken: token));
                if (pending >= PendingEmailInvitationsPerTeam)
                {
                    return new Refusal.Conflict("Too many pending invitations",
                        $"This team has {PendingEmailInvitationsPerTeam} invitations by email waiting for an answer. Revoke some, or wait for answers.");
                }

                var id = Guid.CreateVersion7();
                var link = LinkToken.New();
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO invitations (id, team_id, inviter_id, email, token_hash, expires_at, status)
                    VALUES (@id, @teamId, @inviterId, @address, @hash, now() + @EmailInvitationLifetime, 'pending')
                    """,
                    new { id, teamId, inviterId, address, hash = link.Hash, EmailInvitationLifetime }, transaction, cancellationToken: token));
                var invitation = (await FindAsync(connection, id, transaction, token))!.ToDto();
                await connection.EnqueueAsync(transaction, InvitationEmail.Compose(email.Value, address, invitation, link.Value), $"invitation:{id}", token);
                await idempotency.RecordAsync(connection, transaction, StatusCodes.Status201Created, invitation, InvitationLocation(invitation.Id), token);
                return invitation;
            }, ct);
        }
        catch (PostgresException e) when (e.SqlState == UniqueViolation && e.ConstraintName == PendingEmailKey)
        {
            return new Refusal.Conflict("Already invited", $"{address} already has a pending invitation to this team.");
        }
    }

    /// <summary>What the link shows before anyone signs in; 404 for a token no invitation has, 409 once it cannot be accepted.</summary>
    public async Task<Outcome<JoinLinkDto>> JoinLinkAsync(string token, CancellationToken ct) =>
        await db.RunAsync<Outcome<JoinLinkDto>>(async (connection, cancellation) =>
        {
            var link = await connection.QuerySingleOrDefaultAsync<JoinLinkRow>(new CommandDefinition(
                $"{JoinLinkRow.Select} WHERE i.token_hash = @hash", new { hash = LinkToken.HashOf(token) }, cancellationToken: cancellation));
            return link is null ? new Refusal.NotFound("invitation")
                : link.Refusal() is { } refusal ? refusal
                : new JoinLinkDto(link.TeamName, new UserDto(link.InviterId.ToString(), link.InviterUsername, link.InviterDisplayName), link.Email);
        }, ct);

    /// <summary>The signed-in user joins through the link, whatever their own address; it then works for nobody else.</summary>
    public async Task<Outcome<TeamDto>> AcceptLinkAsync(string token, Guid userId, IdempotentRequest idempotency, CancellationToken ct) =>
        await db.InTransactionAsync<Outcome<TeamDto>>(async (connection, transaction, cancellation) =>
        {
            // The row lock serialises two people opening one link at once: one joins, the other is told it was used.
            var link = await connection.QuerySingleOrDefaultAsync<JoinLinkRow>(new CommandDefinition(
                $"{JoinLinkRow.Select} WHERE i.token_hash = @hash FOR UPDATE OF i", new { hash = LinkToken.HashOf(token) }, transaction, cancellationToken: cancellation));
            if (link is null)
            {
                return new Refusal.NotFound("invitation");
            }
            if (link.Refusal() is { } refusal)
            {
                return refusal;
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE invitations SET status = 'accepted', responded_at = now(), invitee_id = @userId WHERE id = @Id",
                new { link.Id, userId }, transaction, cancellationToken: cancellation));
            var team = await JoinAsync(connection, transaction, (await FindAsync(connection, link.Id, transaction, cancellation))!, userId, cancellation);
            await idempotency.RecordAsync(connection, transaction, StatusCodes.Status200OK, team, null, cancellation);
            return team;
        }, ct);

    private sealed record JoinLinkRow(
        Guid Id, string TeamName, Guid InviterId, string InviterUsername, string InviterDisplayName, string Email, string Status, bool Expired)
    {
        public const string Select = """
            SELECT i.id, t.name AS TeamName, i.inviter_id AS InviterId, r.username AS InviterUsername, r.display_name AS InviterDisplayName,
                   i.email, i.status, i.expires_at <= now() AS Expired
            FROM invitations i
            JOIN teams t ON t.id = i.team_id
            JOIN users r ON r.id = i.inviter_id
            """;

        public Refusal.Conflict? Refusal() =>
            Status != InvitationStatuses.Pending ? NoLongerPending(Status)
            : Expired ? new Refusal.Conflict("Invitation expired",
                $"This invitation expired after {EmailInvitationLifetime.TotalDays:0} days. Ask {InviterDisplayName} for a new one.")
            : null;
    }
}
