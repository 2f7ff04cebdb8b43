using Squadra.Frontend;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHealthChecks();
// MapStaticAssets already serves precompressed files; this covers only the index.html fallback.
builder.Services.AddResponseCompression();

var app = builder.Build();

app.UseSecurityHeaders();
app.UseResponseCompression();
app.MapHealthChecks("/health/live");
app.MapStaticAssets();
app.MapClientRoutes();

app.Run();
