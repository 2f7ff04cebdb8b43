using Microsoft.Extensions.Options;
using Squadra.Contracts.Operations;

namespace Squadra.Api.Operations;

internal static class ServedByMiddleware
{
    public static WebApplication UseServedByHeader(this WebApplication app)
    {
        var name = app.Services.GetRequiredService<IOptions<ReplicaOptions>>().Value.Name;
        app.Use((context, next) =>
        {
            // OnStarting, not now: the exception handler clears the headers before it writes a 500/503.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[ServedBy.HeaderName] = name;
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
