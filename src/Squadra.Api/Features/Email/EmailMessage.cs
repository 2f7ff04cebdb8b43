namespace Squadra.Api.Features.Email;

/// <summary>An email as Squadra writes it: plain text and HTML saying the same thing, to one address.</summary>
internal sealed record EmailMessage(string To, string Subject, string TextBody, string HtmlBody);
