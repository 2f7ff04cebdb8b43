using System.Text.Json;
using Dapper;
using Npgsql;
using Squadra.Contracts.Attachments;

namespace Squadra.Api.Features.Attachments;

/// <summary>
/// The attachments of a message: attached in the post's transaction, gone with the message's deletion, untouched by
/// edits (which may then empty the text). Read with every message as one JSON column (<see cref="Aggregate"/>), so a
/// page of messages is one query.
/// </summary>
internal static class MessageAttachments
{
    /// <summary>A JSON array of a message (aliased m) row's attachments in the poster's order; read through attachments_message_idx.</summary>
    public const string Aggregate = """
        COALESCE((SELECT json_agg(json_build_object('id', a.id, 'name', a.name, 'contentType', a.content_type, 'size', a.size,
                                                    'width', a.width, 'height', a.height) ORDER BY a.position)
                  FROM attachments a WHERE a.message_id = m.id), '[]')
        """;

    public static IReadOnlyList<AttachmentDto> FromJson(string json, AttachmentUrls urls) =>
        json == "[]" ? [] : [.. (JsonSerializer.Deserialize<List<AttachmentRow>>(json, JsonSerializerOptions.Web) ?? []).Select(a => a.ToDto(urls))];

    /// <summary>
    /// Attaches the uploads to the new message in the given order; false, changing nothing, unless every one is the
    /// poster's, of this team or DM, and not attached yet. Run after the message's insert, which locked the team row:
    /// the row locks taken here make a second post of the same upload wait, then find it attached.
    /// </summary>
    public static async Task<bool> AttachAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid teamId, Guid messageId, Guid posterId, Guid[] attachmentIds, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE attachments SET message_id = @messageId, position = (array_position(@attachmentIds, id) - 1)::smallint
            WHERE id = ANY(@attachmentIds) AND team_id = @teamId AND uploader_id = @posterId AND message_id IS NULL
            """,
            new { teamId, messageId, posterId, attachmentIds }, transaction, cancellationToken: ct)) == attachmentIds.Length;

    /// <summary>Whether the message has files (then its text may be empty).</summary>
    public static Task<bool> AnyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid messageId, CancellationToken ct) =>
        connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM attachments WHERE message_id = @messageId)", new { messageId }, transaction, cancellationToken: ct));

    /// <summary>A deleted message keeps no files: rows and bytes go, the team's quota is freed, the urls answer 404.</summary>
    public static Task RemoveAllAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid messageId, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM attachments WHERE message_id = @messageId", new { messageId }, transaction, cancellationToken: ct));
}
