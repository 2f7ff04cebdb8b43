using System.Text.RegularExpressions;
using Npgsql;

namespace Squadra.Api.Tests.Infrastructure;

/// <summary>An email as the outbox holds it (the shared replicas send nothing: Email:Enabled is off for them).</summary>
public sealed record QueuedEmail(string To, string Subject, string TextBody, string HtmlBody)
{
    /// <summary>The one link into the app the email carries.</summary>
    public Uri Link => new(Regex.Match(TextBody, @"https?://\S+").Value);
}

public static class Outbox
{
    public static async Task<IReadOnlyList<QueuedEmail>> EmailsToAsync(string connectionString, string address)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT to_address, subject, text_body, html_body FROM email_outbox WHERE lower(to_address) = lower(@address) ORDER BY id", connection);
        command.Parameters.AddWithValue("address", address);
        await using var reader = await command.ExecuteReaderAsync();
        var emails = new List<QueuedEmail>();
        while (await reader.ReadAsync())
        {
            emails.Add(new QueuedEmail(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }
        return emails;
    }

    /// <summary>A fresh address nobody else's test uses.</summary>
    public static string NewAddress(string prefix = "member") => $"{prefix}.{Guid.NewGuid():N}@example.org";
}
