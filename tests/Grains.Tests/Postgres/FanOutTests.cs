using System.Collections.Concurrent;
using Ledger.Grains.Journal;
using Ledger.Grains.Tests.Cluster;
using Ledger.Policy.Households;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Grains.Tests.Postgres;

/// <summary>
/// Committed journal entries reach every silo's live consumers: the committing silo's at once, the
/// other's over the Orleans stream (what its SSE connections are fed from).
/// </summary>
public sealed class FanOutTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task A_commit_on_either_silo_reaches_the_listeners_of_both_once()
    {
        await using var cluster = await DurableCluster.Start(database, silos: 2);
        var heard = cluster.Silos.Select(silo => Hear(cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<JournalFanOut>())).ToList();
        var psnNo = Build.Id("P");
        var person = DurableCluster.Person(cluster, psnNo);
        Assert.Null((await person.Register(Build.Person(Build.Id("H"), identities: "poverty_alleviated"))).Error);

        var settlement = Build.Inpatient(psnNo, 82_000m, 80_000m);
        var answer = await person.Settle(settlement);

        foreach (var (listener, index) in heard.Select((listener, index) => (listener, index)))
        {
            await Poll.Until(() => Task.FromResult(listener.Any(entry => entry.SetlId == settlement.SetlId)),
                $"silo {index} to hear the commit of {settlement.SetlId}", timeoutMilliseconds: 15_000);
            var entry = Assert.Single(listener, entry => entry.SetlId == settlement.SetlId);
            Assert.Equal(answer.Events.Select(e => e.EventId), EntryEvents.Of(entry).Select(e => e.EventId));
        }
    }

    private static ConcurrentQueue<JournalEntry> Hear(JournalFanOut fanOut)
    {
        var heard = new ConcurrentQueue<JournalEntry>();
        var reader = fanOut.Listen();
        _ = Task.Run(async () =>
        {
            await foreach (var batch in reader.ReadAllAsync())
            {
                foreach (var entry in batch)
                {
                    heard.Enqueue(entry);
                }
            }
        });
        return heard;
    }
}
