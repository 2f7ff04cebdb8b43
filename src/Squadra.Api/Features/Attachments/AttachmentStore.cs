using Dapper;
using Microsoft.Extensions.Options;
using Squadra.Api.Data;
using Squadra.Api.Errors;
using Squadra.Api.Features.Chat;
using Squadra.Contracts.Attachments;

namespace Squadra.Api.Features.Attachments;

/// <summary>A file as received: its cleaned name, and what its bytes are (<see cref="ImageProbe"/>).</summary>
internal sealed record UploadedFile(string Name, string ContentType, byte[] Content, ProbedImage? Image);

/// <summary>A stored file's bytes and how to serve them.</summary>
internal sealed record StoredBytes(string Name, string ContentType, bool IsImage, byte[] Bytes);

internal sealed class AttachmentStore(Db db, AttachmentUrls urls, IOptions<AttachmentOptions> options)
{
    public static string Location(Guid id) => $"/api/attachments/{id}";

    /// <summary>
    /// Stores an upload, not attached yet, bytes and metadata in one transaction: answered, it is on the standby too.
    /// The team's quota holds across replicas: the team row is locked (after the bytes are written, so posts to the
    /// team wait only for the commit) and the sum read again before committing.
    /// </summary>
    public async Task<Outcome<AttachmentDto>> UploadAsync(Conversation conversation, Guid uploaderId, UploadedFile file, CancellationToken ct) =>
        await db.InTransactionAsync<Outcome<AttachmentDto>>(async (connection, transaction, token) =>
        {
            var (teamId, quota) = (conversation.Id, options.Value.TeamQuotaBytes);
            var id = Guid.CreateVersion7();
            var row = new AttachmentRow(id, file.Name, file.Image?.ContentType ?? file.ContentType, file.Content.LongLength, file.Image?.Width, file.Image?.Height);
            // A full team is refused before its bytes are written; the check that decides comes after the lock.
            var (member, used) = await connection.QuerySingleAsync<(bool Member, long Used)>(new CommandDefinition(
                $"""
                WITH member AS (
                    SELECT EXISTS (SELECT 1 FROM team_members x WHERE x.team_id = @teamId AND x.user_id = @uploaderId AND {conversation.MemberRole("x")}) AS ok
                ), used AS (
                    SELECT COALESCE(sum(size), 0)::bigint AS bytes FROM attachments WHERE team_id = @teamId
                ), added AS (
                    INSERT INTO attachments (id, team_id, uploader_id, name, content_type, size, width, height)
                    SELECT @Id, @teamId, @uploaderId, @Name, @ContentType, @Size, @Width, @Height FROM member, used
                    WHERE member.ok AND used.bytes + @Size <= @quota
                )
                SELECT member.ok, used.bytes FROM member, used
                """,
                new { row.Id, teamId, uploaderId, row.Name, row.ContentType, row.Size, row.Width, row.Height, quota }, transaction, cancellationToken: token));
            if (!member)
            {
                return new Refusal.NotFound(conversation.Noun);
            }
            if (used + row.Size > quota)
            {
                return Full(quota);
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO attachment_blobs (attachment_id, content, thumbnail) VALUES (@id, @content, @thumbnail)",
                new { id, content = file.Content, thumbnail = file.Image?.Thumbnail }, transaction, cancellationToken: token));
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT 1 FROM teams WHERE id = @teamId FOR NO KEY UPDATE", new { teamId }, transaction, cancellationToken: token));
            // A new statement, so (READ COMMITTED) it sees every upload committed by whoever held the lock before.
            var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COALESCE(sum(size), 0)::bigint FROM attachments WHERE team_id = @teamId", new { teamId }, transaction, cancellationToken: token));
            if (total > quota)
            {
                // Deleted with its bytes (cascade) rather than rolled back: the transaction commits whatever is returned.
                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM attachments WHERE id = @id", new { id }, transaction, cancellationToken: token));
                return Full(quota);
            }
            return row.ToDto(urls);
        }, ct);

    /// <summary>The attachment, when the caller is a member of its team or DM now; not attached yet, for its uploader only.</summary>
    public async Task<AttachmentDto?> FindAsync(Guid id, Guid callerId, CancellationToken ct) =>
        (await db.RunAsync((connection, token) => connection.QuerySingleOrDefaultAsync<AttachmentRow>(new CommandDefinition(
            $"""
            SELECT {AttachmentRow.Columns}
            FROM attachments a JOIN team_members x ON x.team_id = a.team_id AND x.user_id = @callerId
            WHERE a.id = @id AND (a.message_id IS NOT NULL OR a.uploader_id = @callerId)
            """,
            new { id, callerId }, cancellationToken: token)), ct))?.ToDto(urls);

    /// <summary>The file's bytes, or its thumbnail's; null when there is no such attachment (any more) or no thumbnail.</summary>
    public async Task<StoredBytes?> ReadAsync(Guid id, bool thumbnail, CancellationToken ct) =>
        await db.RunAsync((connection, token) => connection.QuerySingleOrDefaultAsync<StoredBytes>(new CommandDefinition(
            $"""
            SELECT a.name, a.content_type AS ContentType, a.width IS NOT NULL AS IsImage, {(thumbnail ? "b.thumbnail" : "b.content")} AS Bytes
            FROM attachments a JOIN attachment_blobs b ON b.attachment_id = a.id
            WHERE a.id = @id {(thumbnail ? "AND b.thumbnail IS NOT NULL" : "")}
            """,
            new { id }, cancellationToken: token)), ct);

    private static Refusal.Conflict Full(long quota) =>
        new Refusal.Conflict("Team storage full", $"This chat's files may take {quota} bytes together; delete messages with files to make room.");
}
