namespace Squadra.Api.Features.Search;

internal static class SearchSetup
{
    /// <summary>Full-text search over the caller's messages; it reads what chat wrote and pushes nothing.</summary>
    public static IHostApplicationBuilder AddSearch(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SearchStore>();
        return builder;
    }
}
