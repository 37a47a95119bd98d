using System.Globalization;
using Ledger.Grains;
using Ledger.Silo.Projections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests.Reports;

/// <summary>
/// The silo app with its clock's date in a test's hand: a feed "arrives" on the date the test sets,
/// so a report can tell data that came in its month from data that came late. Only the wall-clock
/// date is set; timers and timestamps keep running on the system's monotonic clock.
/// </summary>
public sealed class CalendarApiFactory : LedgerApiFactory
{
    public SettableClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Sets the ledger's date (China time, 09:00).</summary>
    public void Today(int year, int month, int day) => Clock.Now = new DateTimeOffset(year, month, day, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Applies everything journaled so far to the projections (as the background projector would, soon).</summary>
    public Task Projected() => Services.GetRequiredService<Projector>().CatchUp();

    public static string Region() => Wire.Region("35");
}

/// <summary>A clock that goes where a test sets it, back as well as forth (each test starts its own story).</summary>
public sealed class SettableClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2022, 1, 5, 9, 0, 0, TimeSpan.FromHours(8));

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}

[CollectionDefinition(Name)]
public sealed class CalendarCollection : ICollectionFixture<CalendarApiFactory>
{
    public const string Name = "calendar";
}
