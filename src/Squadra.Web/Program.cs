using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using Microsoft.JSInterop;
using Squadra.Web;
using Squadra.Web.Components.Dates;
using Squadra.Web.Features.Accounts;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

// Same origin as the page: the gateway routes /api and /hubs to the backend replicas.
builder.Services.AddSingleton(new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) });
builder.Services.AddSquadraWeb();

var host = builder.Build();
// Dates and times are written as the browser's language writes them (12 or 24 hours, month or day first).
await BrowserCulture.ApplyAsync(host.Services.GetRequiredService<IJSRuntime>());
// Before the first render, so every page can tell synchronously whether someone is signed in.
await host.Services.GetRequiredService<AuthSession>().RestoreAsync();
// From here on the stores and the realtime connection follow the session: connected while signed in.
host.Services.GetRequiredService<SessionLifetime>().Start();
await host.RunAsync();
