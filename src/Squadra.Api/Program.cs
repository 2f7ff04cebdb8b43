using Prometheus;
using Scalar.AspNetCore;
using Squadra.Api.Auth;
using Squadra.Api.Data;
using Squadra.Api.Errors;
using Squadra.Api.Features.Accounts;
using Squadra.Api.Features.Attachments;
using Squadra.Api.Features.Chat;
using Squadra.Api.Features.DirectMessages;
using Squadra.Api.Features.Email;
using Squadra.Api.Features.EmailDigest;
using Squadra.Api.Features.Events;
using Squadra.Api.Features.Invitations;
using Squadra.Api.Features.Muting;
using Squadra.Api.Features.NotificationPreferences;
using Squadra.Api.Features.Notifications;
using Squadra.Api.Features.Presence;
using Squadra.Api.Features.Push;
using Squadra.Api.Features.ReadState;
using Squadra.Api.Features.Saved;
using Squadra.Api.Features.Search;
using Squadra.Api.Features.Teams;
using Squadra.Api.Features.Typing;
using Squadra.Api.Idempotency;
using Squadra.Api.Json;
using Squadra.Api.Operations;
using Squadra.Api.RateLimiting;
using Squadra.Api.Realtime;

var builder = WebApplication.CreateBuilder(args);

builder.AddSquadraErrorHandling();
builder.AddSquadraJson();
builder.AddSquadraOperations();
builder.AddSquadraDatabase();
builder.AddSquadraAuth();
builder.AddSquadraRateLimiting();
builder.AddSquadraIdempotency();
builder.AddRealtime();
// Each feature registers its stores and its part of the fan-out; Teams first (its connection observer puts a new
// connection in its teams' groups, which chat's then reads).
builder.AddAccounts();
builder.AddTeams();
builder.AddInvitations();
builder.AddNotifications();
builder.AddAttachments();
builder.AddChat();
builder.AddDirectMessages();
builder.AddEvents();
builder.AddReadState();
builder.AddMuting();
builder.AddSaved();
builder.AddTyping();
builder.AddPresence();
builder.AddSearch();
builder.AddEmail();
builder.AddPush();
builder.AddEmailDigest();
builder.AddNotificationPreferences();

var app = builder.Build();

app.UseForwardedHeaders();
app.UseServedByHeader();
app.UseSquadraErrorHandling();
app.UseHttpMetrics();
app.UseRequestFingerprints();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapOperations();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapAccounts();
app.MapTeams();
app.MapInvitations();
app.MapChat();
app.MapAttachments();
app.MapDirectMessages();
app.MapEvents();
app.MapCheckins();
app.MapCalendarFeeds();
app.MapNotifications();
app.MapReadState();
app.MapMuting();
app.MapSaved();
app.MapPresence();
app.MapSearch();
app.MapPush();
app.MapNotificationPreferences();
app.MapNotificationPause();
app.MapRealtime();

app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
