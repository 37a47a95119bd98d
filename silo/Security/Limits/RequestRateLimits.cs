using System.Globalization;
using System.Threading.RateLimiting;
using Ledger.Silo.Http;
using Ledger.Silo.Security.Audit;
using Microsoft.AspNetCore.RateLimiting;

namespace Ledger.Silo.Security.Limits;

/// <summary>
/// Requests per key through ASP.NET's rate limiter: one token bucket per key id (per client address
/// for requests without a valid key), refused with 429 and <c>Retry-After</c> when it is empty. The
/// buckets are the silo's own: a key may send its rate to each silo behind the load balancer.
/// </summary>
public static class RequestRateLimits
{
    public const string Policy = "per-key";

    public static IServiceCollection AddLedgerRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        if (options.RequestsPerSecond <= 0 || options.BurstSeconds <= 0)
        {
            throw new Hosting.StartupRefusedException($"{RateLimitOptions.Section}: RequestsPerSecond and BurstSeconds must be positive");
        }
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Policy, context =>
            {
                var table = context.RequestServices.GetRequiredService<ApiKeyTable>();
                var caller = Caller.Of(context.User);
                var rate = caller is null ? options.RequestsPerSecond : table.Keys.FirstOrDefault(key => key.Id == caller.KeyId)?.RequestsPerSecond ?? options.RequestsPerSecond;
                var partition = caller is null ? "address:" + context.Connection.RemoteIpAddress : "key:" + caller.KeyId;
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = rate * options.BurstSeconds,
                    TokensPerPeriod = rate,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                // Audited before it is answered, like every refusal (RefusalAudit).
                await rejected.HttpContext.RequestServices.GetRequiredService<RefusalAudit>().Record(rejected.HttpContext, StatusCodes.Status429TooManyRequests);
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
                rejected.HttpContext.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
                await Problems.Write(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"This key's request rate is limited; retry after {wait} s.");
            };
        });
        return services;
    }
}
