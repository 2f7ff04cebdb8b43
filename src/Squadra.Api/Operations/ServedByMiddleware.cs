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
            context.Response.Headers[ServedBy.HeaderName] = name;
            return next(context);
        });
        return app;
    }
}
