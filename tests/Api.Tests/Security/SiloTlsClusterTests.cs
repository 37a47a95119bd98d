using System.Globalization;
using Ledger.Contracts.Households;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService;

namespace Ledger.Api.Tests.Security;

/// <summary>
/// Silo-to-silo TLS in the PostgreSQL mode: silos with certificates of the cluster's authority form one
/// cluster and call each other's grains, though they connect by IP address and their certificates name
/// only localhost; a silo without TLS, or with a certificate of another authority, is refused and never
/// becomes active.
/// </summary>
public sealed class SiloTlsClusterTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private const string ClusterId = "ledger-silo-tls-test";

    /// <summary>Orleans' <c>SiloStatus</c> values in <c>orleansmembershiptable.status</c>.</summary>
    private const int Active = 3;

    /// <summary>How long an intruder keeps trying to reach the active silos before its start fails (Orleans: 5 min).</summary>
    private static readonly TimeSpan JoinAttempt = TimeSpan.FromSeconds(6);

    public Task InitializeAsync() => database.ApplySchemaAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Silos_of_one_authority_form_a_cluster_over_TLS_and_a_silo_without_TLS_or_of_another_authority_is_refused()
    {
        using var certificates = new Certificates();
        using var foreign = new Certificates();
        await using var first = Silo(certificates);
        await using var second = Silo(certificates);
        await Task.WhenAll(Task.Run(() => first.Services), Task.Run(() => second.Services)).WaitAsync(TimeSpan.FromSeconds(60));
        try
        {
            await Poll.Until(async () => await ActiveSilos() == 2, "both TLS silos active in the membership table", 60_000, 100);
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"{timeout.Message}; the table holds {await Membership()}", timeout);
        }

        var onSecond = await HouseholdOnTheOtherSilo(first, second);

        // Reached through the first silo, served by the second: a silo-to-silo call over TLS.
        Assert.Null(await onSecond.GetMember("P-nobody", 2022));
        Assert.Equal(SiloOf(second), await Management(first).GetActivationAddress(onSecond));

        await using var plain = Silo(tls: null, intruder: true);
        await using var otherAuthority = Silo(foreign, intruder: true);
        var plainStart = Record.ExceptionAsync(() => Task.Run(() => plain.Services));
        var otherStart = Record.ExceptionAsync(() => Task.Run(() => otherAuthority.Services));
        await Refused("a silo without TLS", plainStart);
        await Refused("a silo with a certificate of another authority", otherStart);

        Assert.Equal(2L, await ActiveSilos());
        Assert.Equal(0L, await database.Scalar<long>(
            $"SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = '{ClusterId}' AND status = {Active} AND port NOT IN ({SiloOf(first).Endpoint.Port}, {SiloOf(second).Endpoint.Port})"));
        // The cluster the intruders tried to join still serves across its silos.
        Assert.Null(await onSecond.GetMember("P-nobody", 2023));
        Assert.Equal(SiloOf(second), await Management(first).GetActivationAddress(onSecond));
    }

    /// <summary>The intruder's start failed in Orleans' join check, well before a deadline past its join attempt.</summary>
    private static async Task Refused(string silo, Task<Exception?> start)
    {
        // A start still pending then has hung: it fails this test rather than hanging the suite.
        // (Ten join attempts' worth: an intruder's host starts slowly on a loaded machine before its join check.)
        var deadline = JoinAttempt * 10;
        Exception? failure;
        try
        {
            failure = await start.WaitAsync(deadline);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"{silo} neither joined the TLS cluster nor gave up within {deadline.TotalSeconds} s");
        }
        Assert.True(failure is not null, $"{silo} joined the TLS cluster");
        // Orleans' join check: a newly joining silo must reach every active silo before it joins.
        Assert.True(Chain(failure).Any(error => error is OrleansClusterConnectivityCheckFailedException),
            $"{silo} failed to start for another reason than being refused by the active silos: {failure}");
    }

    private static IEnumerable<Exception> Chain(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            yield return error;
            if (error is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>The first household id, of a few hundred tried, whose grain the cluster placed on the second silo.</summary>
    private static async Task<IHouseholdGrain> HouseholdOnTheOtherSilo(ConfiguredSilo first, ConfiguredSilo second)
    {
        var grains = first.Services.GetRequiredService<IGrainFactory>();
        var management = Management(first);
        for (var attempt = 0; attempt < 400; attempt++)
        {
            var grain = grains.GetGrain<IHouseholdGrain>($"H-tls-{attempt:D4}");
            await grain.GetMember("P-nobody", 2022);
            if (SiloOf(second).Equals(await management.GetActivationAddress(grain)))
            {
                return grain;
            }
        }
        throw new InvalidOperationException("no household of 400 was placed on the second silo");
    }

    private static IManagementGrain Management(ConfiguredSilo silo) =>
        silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);

    private static SiloAddress SiloOf(ConfiguredSilo silo) => silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    /// <summary>Each row of the table as port:status, for a failure's message.</summary>
    private Task<string> Membership() => database.Scalar<string>(
        $"SELECT coalesce(string_agg(port || ':' || status, ', ' ORDER BY port), 'no row') FROM orleansmembershiptable WHERE deploymentid = '{ClusterId}'");

    private Task<long> ActiveSilos() =>
        database.Scalar<long>($"SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = '{ClusterId}' AND status = {Active}");

    /// <summary>
    /// A silo of the PostgreSQL mode on a port of its own, with TLS from <paramref name="tls"/> when given.
    /// An intruder gives up joining after <see cref="JoinAttempt"/>; the cluster's own silos keep Orleans'
    /// default, since a silo starting cold on a busy machine may take longer than that to reach the other.
    /// </summary>
    private ConfiguredSilo Silo(Certificates? tls, bool intruder = false)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Ledger"] = database.AppConnectionString,
            ["Ledger:SiloPort"] = LedgerApiFactory.FreePort().ToString(CultureInfo.InvariantCulture),
            ["Ledger:ClusterId"] = ClusterId,
            ["Ledger:ServiceId"] = ClusterId,
            // The shipped one-second probe declares a silo dead within seconds; silos sharing a test process
            // with the rest of the suite may be starved that long. What is tested here is who may join.
            ["Ledger:Membership:ProbeTimeout"] = "00:00:05",
            ["Ledger:ApiKeys:0:Id"] = "tls-operator",
            ["Ledger:ApiKeys:0:Key"] = "test-tls-operator-5d2e",
            ["Ledger:ApiKeys:0:Role"] = "operator",
            ["Ledger:PersonalData:CurrentKeyId"] = "test",
            ["Ledger:PersonalData:Keys:test"] = SiloProcess.PersonalDataKey,
        };
        if (intruder)
        {
            settings["Ledger:Membership:MaxJoinAttemptTime"] = JoinAttempt.ToString("c", CultureInfo.InvariantCulture);
        }
        if (tls is not null)
        {
            settings["Ledger:SiloTls:CertificatePath"] = tls.CertificatePath;
            settings["Ledger:SiloTls:KeyPath"] = tls.KeyPath;
            settings["Ledger:SiloTls:AuthorityPath"] = tls.AuthorityPath;
        }
        return new ConfiguredSilo(settings);
    }

    /// <summary>
    /// The silo app with settings of a test's own. These silos share the test process, so one the cluster
    /// declares dead (an intruder its probes cannot reach, or a member starved of CPU) must not end the
    /// process as Orleans' fatal-error handler does (<see cref="Environment.FailFast(string)"/>): that
    /// aborted the whole test run. Its failure is the test's to report.
    /// </summary>
    private sealed class ConfiguredSilo(Dictionary<string, string> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
            builder.ConfigureTestServices(services => services.AddSingleton<IFatalErrorHandler, NotFatal>());
        }
    }

    /// <summary>Lets a silo declared dead stop with its host instead of the process.</summary>
    private sealed class NotFatal : IFatalErrorHandler
    {
        public bool IsUnexpected(Exception exception) => true;

        public void OnFatalException(object? sender = null, string? context = null, Exception? exception = null)
        {
        }
    }
}
