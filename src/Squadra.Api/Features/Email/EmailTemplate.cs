using System.Text;
using System.Text.Encodings.Web;

namespace Squadra.Api.Features.Email;

/// <summary>
/// Squadra's one email layout: a few plain paragraphs and one link to act on, as text and as HTML saying the same.
/// Everything a user typed (names, team names) is HTML-encoded by the framework's encoder; nothing is formatted
/// beyond a paragraph and a button-like link, so every mail client shows it alike.
/// </summary>
internal static class EmailTemplate
{
    public static EmailMessage Compose(string to, string subject, IReadOnlyList<string> paragraphs, string actionText, Uri action, string footer)
    {
        var text = new StringBuilder();
        foreach (var paragraph in paragraphs)
        {
            text.Append(paragraph).Append("\n\n");
        }
        text.Append(actionText).Append(":\n").Append(action.AbsoluteUri).Append("\n\n-- \n").Append(footer).Append('\n');

        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif;font-size:15px;line-height:1.5;color:#1f2328\">");
        foreach (var paragraph in paragraphs)
        {
            html.Append("<p>").Append(HtmlEncoder.Default.Encode(paragraph)).Append("</p>");
        }
        html.Append("<p><a href=\"").Append(HtmlEncoder.Default.Encode(action.AbsoluteUri))
            .Append("\" style=\"display:inline-block;padding:10px 18px;background:#3b5bdb;color:#ffffff;border-radius:6px;text-decoration:none\">")
            .Append(HtmlEncoder.Default.Encode(actionText)).Append("</a></p>")
            .Append("<p style=\"color:#57606a;font-size:13px\">").Append(HtmlEncoder.Default.Encode(footer)).Append("</p></body></html>");
        return new EmailMessage(to, subject, text.ToString(), html.ToString());
    }

    /// <summary>A link into the browser app: <paramref name="pathAndFragment"/> under <see cref="EmailOptions.AppBaseUrl"/>.</summary>
    public static Uri AppLink(EmailOptions options, string pathAndFragment) =>
        new($"{options.AppBaseUrl.TrimEnd('/')}{pathAndFragment}", UriKind.Absolute);
}
