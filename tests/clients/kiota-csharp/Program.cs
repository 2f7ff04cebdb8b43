// Register, log in, create a team, post, read the history: through the gateway, with the generated client only.
//   dotnet run -- <gateway URL>
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Squadra.Generated;
using Squadra.Generated.Models;

var gateway = args[0];
var username = $"kiota_{Guid.NewGuid():N}"[..20];
const string password = "correct horse battery";

var anonymous = Client(new AnonymousAuthenticationProvider());
var user = await anonymous.Api.Auth.Register.PostAsync(new RegisterRequest { Username = username, Password = password, DisplayName = "Kiota Client" });
var login = await anonymous.Api.Auth.Login.PostAsync(new LoginRequest { Username = username, Password = password });

var signedIn = Client(new BearerToken(login!.AccessToken!));
var team = await signedIn.Api.Teams.PostAsync(new CreateTeamRequest { Name = "Generated", Description = "Made by a generated client" });
// The document types path ids as uuid, so the generated indexers take a Guid.
var teamId = Guid.Parse(team!.Id!);
var posted = await signedIn.Api.Teams[teamId].Messages.PostAsync(new PostMessageRequest { Body = "hello from Kiota" },
    request => request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString()));
var history = await signedIn.Api.Teams[teamId].Messages.GetAsync();

Console.WriteLine($"registered {user!.Username}; team {team.Name}; posted seq {posted!.Seq}; history: {string.Join(" | ", history!.Select(m => $"{m.Seq} {m.Body}"))}");

SquadraClient Client(IAuthenticationProvider authentication) =>
    new(new HttpClientRequestAdapter(authentication) { BaseUrl = gateway.TrimEnd('/') });

/// <summary>The bearer token in every request (Kiota's own bearer provider sends it over https only; the test's gateway is http on 127.0.0.1).</summary>
sealed class BearerToken(string token) : IAuthenticationProvider
{
    public Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        request.Headers.Add("Authorization", $"Bearer {token}");
        return Task.CompletedTask;
    }
}
