using Ledger.Reliability.Tests.Cluster;
using Ledger.Reliability.Tests.Feeds;

namespace Ledger.Reliability.Tests.Checks;

/// <summary>What a scenario's end state proved, for the report.</summary>
public sealed record Verdict(int SettlementsFed, int Lost, int DoubleCounted, int ThresholdEventsExpected, int ThresholdEventsMissing, int ThresholdEventsExtra);

/// <summary>
/// The end state after a fault, held against what the feed alone implies: every settlement recorded
/// exactly once, every person's and household's totals equal to the file's sums and to the offline
/// replay, every threshold and cap event the replay expects in the event log exactly once by event_id.
/// </summary>
public static class ExactLedger
{
    private static readonly TimeSpan LogDeadline = TimeSpan.FromSeconds(60);
    private static readonly HashSet<string> ThresholdKinds = ["threshold_warning", "threshold_crossed", "threshold_cleared", "cap_applied"];

    /// <param name="otherHouseholds">Households a test wrote to besides the feed's, whose events are not the feed's.</param>
    public static async Task<Verdict> AssertAsync(PostgresCluster cluster, SyntheticFeed feed, IReadOnlySet<string>? otherHouseholds = null)
    {
        var fed = feed.Settlements.Select(settlement => settlement.SetlId).ToHashSet();
        // Reading every household activates it, and an activation publishes an outbox a killed silo left behind.
        var (persons, households) = await LedgerReads.TotalsAsync(cluster.Silos[0].Url, feed);
        var log = (await LogOnceSettledAsync(cluster.ConnectionString, fed.Count))
            .Where(logged => otherHouseholds?.Contains(logged.HouseholdId) != true).ToList();

        var recorded = log.Where(logged => logged.Kind == "settlement_recorded").ToList();
        var recordedIds = recorded.Select(logged => logged.SetlId).ToHashSet();
        var lost = fed.Count(id => !recordedIds.Contains(id));
        var doubleCounted = recorded.Count - recordedIds.Count;
        Assert.True(lost == 0 && doubleCounted == 0 && recordedIds.SetEquals(fed),
            $"settlement_recorded events: {lost} of {fed.Count} settlements missing (first: {string.Join(", ", fed.Where(id => !recordedIds.Contains(id)).Order().Take(5))}), " +
            $"{doubleCounted} logged twice, {recordedIds.Except(fed).Count()} not from the feed");

        var replay = LedgerReplay.Run(feed, recorded.Select(logged => logged.SetlId));
        AssertPersons(feed, persons, replay);
        AssertHouseholds(feed, households, replay);
        var (missing, extra) = AssertEvents(log, replay);
        return new Verdict(fed.Count, lost, doubleCounted, replay.Events.Count, missing, extra);
    }

    private static async Task<List<LoggedEvent>> LogOnceSettledAsync(string connectionString, int settlements)
    {
        var deadline = DateTime.UtcNow + LogDeadline;
        while (true)
        {
            var logged = await LedgerReads.CountAsync(connectionString, "SELECT count(*) FROM ledger_events WHERE kind = 'settlement_recorded'");
            if (logged >= settlements || DateTime.UtcNow > deadline)
            {
                // Past the deadline the assertions say what is missing.
                return await LedgerReads.EventLogAsync(connectionString);
            }
            await Task.Delay(200);
        }
    }

    private static void AssertPersons(SyntheticFeed feed, Dictionary<string, Totals> persons, LedgerReplay replay)
    {
        var fromFile = feed.Settlements.GroupBy(settlement => settlement.PsnNo).ToDictionary(group => group.Key, FileSums);
        foreach (var person in feed.Persons)
        {
            var read = persons[person.PsnNo];
            Assert.True(fromFile.GetValueOrDefault(person.PsnNo) == (read.SettlementCount, read.MedfeeSumamt, read.InscpScpAmt),
                $"person {person.PsnNo}: the ledger holds {read} but the feed file sums to {fromFile.GetValueOrDefault(person.PsnNo)}");
            Assert.True(read == replay.PersonTotals.GetValueOrDefault(person.PsnNo, Totals.Zero),
                $"person {person.PsnNo}: the ledger holds {read}, the offline replay {replay.PersonTotals.GetValueOrDefault(person.PsnNo)}");
            Assert.Equal(read.MedfeeSumamt, read.FundPaySumamt + read.PsnPartAmt);
        }
    }

    private static void AssertHouseholds(SyntheticFeed feed, Dictionary<string, Totals> households, LedgerReplay replay)
    {
        var members = feed.Persons.ToLookup(person => person.HouseholdId, person => person.PsnNo);
        var fileSums = feed.Settlements.Join(feed.Persons, settlement => settlement.PsnNo, person => person.PsnNo, (settlement, person) => (person.HouseholdId, settlement))
            .GroupBy(pair => pair.HouseholdId, pair => pair.settlement).ToDictionary(group => group.Key, FileSums);
        foreach (var (householdId, read) in households)
        {
            var replayed = members[householdId].Aggregate(Totals.Zero, (sum, psnNo) => sum.Plus(replay.PersonTotals.GetValueOrDefault(psnNo, Totals.Zero)));
            Assert.True(read == replayed, $"household {householdId}: the ledger holds {read}, the sum of its members' replay {replayed}");
            Assert.Equal(fileSums.GetValueOrDefault(householdId), (read.SettlementCount, read.MedfeeSumamt, read.InscpScpAmt));
        }
    }

    private static (int Missing, int Extra) AssertEvents(List<LoggedEvent> log, LedgerReplay replay)
    {
        var logged = log.Where(logged => ThresholdKinds.Contains(logged.Kind))
            .Select(logged => new ExpectedEvent(logged.EventId, logged.Kind, logged.Rule, logged.Level, logged.SubjectId)).ToList();
        var missing = replay.Events.Except(logged).ToList();
        var extra = logged.Except(replay.Events).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0 && logged.Count == replay.Events.Count,
            $"threshold events: {replay.Events.Count} expected, {logged.Count} logged; missing {missing.Count} (first: {missing.FirstOrDefault()}), " +
            $"unexpected {extra.Count} (first: {extra.FirstOrDefault()})");
        // The same level of a rule firing twice for one subject would be a settlement counted twice.
        var fired = logged.Where(e => e.Kind is "threshold_warning" or "threshold_crossed").GroupBy(e => (e.Kind, e.Rule, e.Level, e.SubjectId)).Where(group => group.Count() > 1).ToList();
        Assert.True(fired.Count == 0, $"fired more than once: {string.Join(", ", fired.Take(3).Select(group => group.Key))}");
        return (missing.Count, extra.Count);
    }

    private static (int Count, decimal Medfee, decimal Scope) FileSums(IEnumerable<Client.Wire.SettlementLine> settlements)
    {
        var list = settlements.ToList();
        return (list.Count, list.Sum(s => s.MedfeeSumamt), list.Sum(s => s.InscpScpAmt));
    }
}
