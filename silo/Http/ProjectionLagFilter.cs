using System.Globalization;
using Ledger.Grains.Journal;
using Ledger.Silo.Projections;
using Microsoft.Extensions.Options;

namespace Ledger.Silo.Http;

/// <summary>
/// Says on every read answered from the read projections how far they trail the journal
/// (<see cref="ProjectionLag.Header"/>: whole seconds, 0 when they include every entry). A silo whose
/// projections are rebuilding stays ready for settlements, so its KPIs and monitoring list (live views)
/// answer meanwhile: this is how a caller tells a complete answer from one still missing entries.
/// The month-end reports (<see cref="CompleteOnly"/>) are not live views: asked again they must give the
/// same rows (API.md), so beyond the readiness bound (<see cref="ProjectionLag.Beyond"/>, the test check
/// <c>projections</c> makes) they answer 503 with Retry-After and how far behind, rather than an
/// incomplete report a caseworker would send on. Measured before the read, so the answer includes at
/// least what the header says. Declared on the route, after <see cref="RegionRoutes.RequireRegion"/>.
/// </summary>
public sealed class ProjectionLagFilter : IEndpointFilter
{
    /// <summary>A live view: answers whatever the lag, with the header.</summary>
    public static readonly ProjectionLagFilter Instance = new(refuseBeyondBound: false);

    /// <summary>A report that must be complete: 503 while the projections are beyond the bound.</summary>
    public static readonly ProjectionLagFilter CompleteOnly = new(refuseBeyondBound: true);

    /// <summary>
    /// Seconds a refused report is asked to wait: a rebuild takes minutes to hours (docs/operations.md),
    /// so the usual one second of a passing unavailability would only repeat the refusal.
    /// </summary>
    public const int ReportRetryAfterSeconds = 60;

    private readonly bool _refuseBeyondBound;

    private ProjectionLagFilter(bool refuseBeyondBound) => _refuseBeyondBound = refuseBeyondBound;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        var lag = await ProjectionLag.Measure(services.GetRequiredService<IJournal>(), services.GetRequiredService<IProjectionStore>(),
            services.GetRequiredService<TimeProvider>(), http.RequestAborted);
        http.Response.Headers[ProjectionLag.Header] = lag.HeaderValue;
        if (_refuseBeyondBound)
        {
            var bound = ProjectionLag.Bound(services.GetRequiredService<IOptions<ProjectionOptions>>().Value);
            if (lag.Beyond(bound))
            {
                return Problems.Unavailable(http, string.Create(CultureInfo.InvariantCulture,
                    $"The read projections are {lag.HeaderValue} s behind the journal (bound {bound.TotalSeconds:0} s), as while they are rebuilt: this report would miss entries and differ when asked again. Ask again once they have caught up."),
                    ReportRetryAfterSeconds, "Projections behind the journal");
            }
        }
        return await next(context);
    }
}
