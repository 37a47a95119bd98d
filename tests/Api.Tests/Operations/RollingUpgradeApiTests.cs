using System.Net;
using System.Text;
using System.Text.Json;
using Ledger.Api.Tests.Logging;
using Ledger.Contracts.Households;
using Ledger.Grains.Households;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Metadata;

namespace Ledger.Api.Tests.Operations;

/// <summary>A roll sent in the middle of a rolling upgrade, while a silo of the release before the household protocol still runs.</summary>
public sealed class RollingUpgradeApiTests(RollingUpgradeApiTests.UpgradingApiFactory factory) : IClassFixture<RollingUpgradeApiTests.UpgradingApiFactory>
{
    [Fact]
    public async Task A_roll_goes_through_the_household_grains_registers_everyone_and_says_why_in_the_log()
    {
        var (household, other) = (Wire.Id("H"), Wire.Id("H"));
        var persons = new[] { (Wire.Id("P"), household), (Wire.Id("P"), household), (Wire.Id("P"), other) };
        var roll = string.Concat(persons.Select(person => $$"""{"psn_no":"{{person.Item1}}",""" + Wire.Person(person.Item2).ReplaceLineEndings("").TrimStart()[1..] + "\n"));

        var answer = await factory.Client(LedgerApiFactory.FeedKey).PostAsync("/api/persons", new StringContent(roll, Encoding.UTF8, "application/x-ndjson"));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var lines = (await answer.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["registered", "registered", "registered"], lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("status").GetString()));
        var members = await Wire.Body(await factory.Client(LedgerApiFactory.OperatorKey).GetAsync($"/api/households/{household}"));
        Assert.Equal(2, members.GetProperty("members").GetArrayLength());
        var said = Assert.Single(factory.Logs.Entries, entry => entry.Category == typeof(ClusterUpgrade).FullName);
        Assert.Equal(LogLevel.Information, said.Level);
        Assert.Contains(new KeyValuePair<string, object?>("Persons", 3), said.State);
    }

    /// <summary>The silo app, its cluster manifest showing one more silo whose household interface has no version.</summary>
    public sealed class UpgradingApiFactory : LedgerApiFactory
    {
        public RecordingLoggerProvider Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<ILoggerProvider>(Logs);
                services.AddSingleton(provider =>
                {
                    var interfaces = provider.GetRequiredService<GrainInterfaceTypeResolver>();
                    var manifests = new ManifestWithAnotherSilo(provider.GetRequiredService<IClusterManifestProvider>(),
                        interfaces.GetGrainInterfaceType(typeof(IHouseholdGrain)), version: null);
                    return new ClusterUpgrade(manifests, interfaces, provider.GetRequiredService<ILogger<ClusterUpgrade>>());
                });
            });
        }
    }
}
