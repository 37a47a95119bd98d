using Ledger.Grains.Journal;
using Ledger.Silo.Projections;

namespace Ledger.Silo.Http;

/// <summary>
/// Says on every read answered from the read projections how far they trail the journal
/// (<see cref="ProjectionLag.Header"/>: whole seconds, 0 when they include every entry). A silo whose
/// projections are rebuilding stays ready for settlements, so its reports and KPIs answer meanwhile:
/// this is how a caller tells a complete answer from one still missing entries. Measured before the
/// read, so the answer includes at least what the header says. Declared on the route, after
/// <see cref="RegionRoutes.RequireRegion"/>: <c>.AddEndpointFilter(ProjectionLagFilter.Instance)</c>.
/// </summary>
public sealed class ProjectionLagFilter : IEndpointFilter
{
    public static readonly ProjectionLagFilter Instance = new();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        var lag = await ProjectionLag.Measure(services.GetRequiredService<IJournal>(), services.GetRequiredService<IProjectionStore>(),
            services.GetRequiredService<TimeProvider>(), http.RequestAborted);
        http.Response.Headers[ProjectionLag.Header] = lag.HeaderValue;
        return await next(context);
    }
}
