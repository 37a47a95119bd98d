using Ledger.Grains;
using Ledger.Grains.Journal;
using Ledger.Policy.Households;
using Ledger.Silo.Health;
using Ledger.Silo.Projections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ledger.Api.Tests.Operations;

/// <summary>The readiness check "projections caught up within a bound", on the embedded journal and store.</summary>
public sealed class ProjectionsCaughtUpTests
{
    private static readonly DateTimeOffset Logged = new(2022, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(0, 0, HealthStatus.Healthy, "caught up at position 0")]
    [InlineData(1, 59, HealthStatus.Healthy, "at position 0, 59.0 s behind")]
    [InlineData(1, 61, HealthStatus.Unhealthy, "at position 0, 61 s behind the journal (bound 60 s)")]
    public async Task Ready_while_the_oldest_entry_not_projected_was_logged_within_the_bound(
        int entries, int secondsLater, HealthStatus status, string description)
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new LedgerMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var journal = new InMemoryJournal(new JournalFanOut(null!, metrics, NullLogger<JournalFanOut>.Instance));
        for (var index = 0; index < entries; index++)
        {
            await journal.Append(JournalAppend.Of([new JournalEntry { Kind = EntryKind.Recorded, SetlId = $"S-{index}", PsnNo = "P-1", LoggedAt = Logged }]));
        }
        var clock = new FakeTimeProvider(Logged.AddSeconds(secondsLater));
        var check = new ProjectionsCaughtUpCheck(journal, new InMemoryProjectionStore(), clock, Options.Create(new ProjectionOptions()));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal((status, description), (result.Status, result.Description));
    }
}
