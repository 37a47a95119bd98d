using System.Diagnostics.Metrics;
using Ledger.Policy.Loading;
using Ledger.Silo.Health;
using Ledger.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace Ledger.Api.Tests.Operations;

/// <summary>
/// Check <c>policy-year</c> and gauge <c>ledger.policy.regions_lacking_figures</c> on the shipped
/// policies, by a fake clock. The settlement year is China's: 2023-12-31T16:00Z is 1 January 2024
/// there, the first day Liangshan (figures to 2023) refuses.
/// </summary>
public sealed class PolicyYearCoveredTests
{
    private static readonly PolicyCatalogue Shipped = PolicyLoader.LoadDirectory(Repository.Path("policies"));

    [Theory]
    [InlineData("2023-12-31T15:59:59Z", HealthStatus.Healthy,
        "every region of the policies in force computes settlements of 2023 (fujian-2022, jinhua-2022, liangshan-2021)")]
    [InlineData("2023-12-31T16:00:00Z", HealthStatus.Degraded,
        "settlements of 2024 are refused (422) where a policy lacks the year's figures: liangshan-2021 (liangshan-2021.yaml) region 5134: "
        + "parameters.rural_income has no value for 2024. Add them to the policy file, check it with 'ledger policy check', roll it out (docs/operations.md#policy-figures-missing)")]
    [InlineData("2017-06-01T00:00:00Z", HealthStatus.Healthy, "no policy in force on 2017-06-01")]
    public async Task Degraded_from_the_first_day_in_China_of_a_year_a_policy_in_force_lacks_figures_for(string now, HealthStatus status, string description)
    {
        var check = new PolicyYearCoveredCheck(Shipped, new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal((status, description), (result.Status, result.Description));
    }

    [Fact]
    public void The_gauge_counts_per_policy_in_force_the_regions_lacking_figures_by_the_silos_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2023, 6, 1, 1, 0, 0, TimeSpan.Zero));
        using var services = new ServiceCollection().AddMetrics().AddSingleton(Shipped).AddSingleton<TimeProvider>(clock).BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        _ = new OperationsMetrics(meters, services);

        Assert.Equal([("fujian-2022", 0), ("jinhua-2022", 0), ("liangshan-2021", 0)], Observe(meters));
        clock.SetUtcNow(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal([("fujian-2022", 11), ("jinhua-2022", 1), ("liangshan-2021", 1)], Observe(meters));
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal([("fujian-2022", 11)], Observe(meters));
    }

    /// <summary>The gauge of this test's meters only: the silo apps of other tests in the process have one of the same name.</summary>
    private static List<(string Policy, int Regions)> Observe(IMeterFactory meters)
    {
        var measured = new List<(string, int)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, published) =>
        {
            if (instrument.Name == "ledger.policy.regions_lacking_figures" && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                published.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) => measured.Add(((string)tags[0].Value!, value)));
        listener.Start();
        listener.RecordObservableInstruments();
        return [.. measured.OrderBy(pair => pair.Item1, StringComparer.Ordinal)];
    }
}
