using Ledger.Reliability.Tests.Cluster;
using Ledger.Reliability.Tests.Feeds;

namespace Ledger.Reliability.Tests.Checks;

/// <summary>What a scenario's end state proved, for the report.</summary>
public sealed record Verdict(
    int SettlementsFed, int Lost, int DoubleCounted, int OpenLevelsExpected, int OpenLevelsMissing, int OpenLevelsExtra, int ResentDuplicate);

/// <summary>
/// The end state after a fault, held against what the feed alone implies: every settlement recorded in
/// the journal exactly once; every person's and household's totals equal to the file's sums and to the
/// offline replay in settlement-time order; the journal's threshold events, folded in journal order,
/// never opening a level twice nor clearing one that is not open, and ending with exactly the levels
/// the replay ends with; and the whole feed, sent once more, answered duplicate line by line with every
/// person's and household's totals read after it identical to those read before.
/// </summary>
public static class ExactLedger
{
    /// <param name="otherHouseholds">Households a test wrote to besides the feed's, whose entries are not the feed's.</param>
    public static async Task<Verdict> AssertAsync(PostgresCluster cluster, SyntheticFeed feed, IReadOnlySet<string>? otherHouseholds = null)
    {
        var fed = feed.Settlements.Select(settlement => settlement.SetlId).ToHashSet();
        var (persons, households) = await LedgerReads.TotalsAsync(cluster.Running.Url, feed);
        var journal = (await LedgerReads.JournalAsync(cluster.Running.Url))
            .Where(entry => otherHouseholds?.Contains(entry.HouseholdId) != true).ToList();

        var recorded = journal.Where(entry => entry.Kind == "recorded").ToList();
        var recordedIds = recorded.Select(entry => entry.SetlId!).ToHashSet();
        var lost = fed.Count(id => !recordedIds.Contains(id));
        var doubleCounted = recorded.Count - recordedIds.Count;
        Assert.True(lost == 0 && doubleCounted == 0 && recordedIds.SetEquals(fed),
            $"recorded journal entries: {lost} of {fed.Count} settlements missing (first: {string.Join(", ", fed.Where(id => !recordedIds.Contains(id)).Order().Take(5))}), " +
            $"{doubleCounted} recorded twice, {recordedIds.Except(fed).Count()} not from the feed");
        Assert.DoesNotContain(journal, entry => entry.Kind == "reversed");

        var replay = LedgerReplay.Run(feed, recordedIds);
        AssertPersons(feed, persons, replay);
        AssertHouseholds(feed, households, replay);
        var (missing, extra) = AssertLevels(journal, replay);
        var resent = await AssertResentAsDuplicatesAsync(cluster, feed, persons, households);
        return new Verdict(fed.Count, lost, doubleCounted, replay.OpenLevels.Count, missing, extra, resent);
    }

    /// <summary>
    /// However long after, a resend changes nothing: every line of the feed answers duplicate, and every
    /// person's and household's totals read after it are those read before (an answer can say duplicate
    /// while the household counts the settlement again).
    /// </summary>
    private static async Task<int> AssertResentAsDuplicatesAsync(
        PostgresCluster cluster, SyntheticFeed feed, Dictionary<string, Totals> personsBefore, Dictionary<string, Totals> householdsBefore)
    {
        var (exit, output, error) = await LedgerCli.RunAsync(cluster.Urls, "feed", feed.SettlementsPath, "--batch", "1000", "--connections", "4");
        Assert.True(exit == 0, $"ledger feed (resend): exit {exit}\n{output}\n{error}");
        var summary = LedgerCli.Summary(output, "settlements");
        Assert.Equal(($"{feed.Settlements.Count}", "0", $"{feed.Settlements.Count}"), (summary["sent"], summary["recorded"], summary["duplicate"]));
        var (persons, households) = await LedgerReads.TotalsAsync(cluster.Running.Url, feed);
        AssertUnchanged("person", personsBefore, persons);
        AssertUnchanged("household", householdsBefore, households);
        return int.Parse(summary["duplicate"], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every total read <paramref name="after"/> the resend equals the one read <paramref name="before"/> it, and for the same ids.</summary>
    internal static void AssertUnchanged(string what, IReadOnlyDictionary<string, Totals> before, IReadOnlyDictionary<string, Totals> after)
    {
        var changed = before.Keys.Union(after.Keys).Where(id => before.GetValueOrDefault(id) != after.GetValueOrDefault(id)).Order(StringComparer.Ordinal).ToList();
        Assert.True(changed.Count == 0, $"the resend changed the totals of {changed.Count} {what}(s); first: " +
            string.Join("; ", changed.Take(3).Select(id => $"{id} {before.GetValueOrDefault(id)?.ToString() ?? "absent"} -> {after.GetValueOrDefault(id)?.ToString() ?? "absent"}")));
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

    private static (int Missing, int Extra) AssertLevels(List<JournalLine> journal, LedgerReplay replay)
    {
        // Each level opens once until it clears. A re-adjudication may restate an open level that is now
        // first reached at another settlement or against another threshold (it moves); at the same place, twice.
        var open = new Dictionary<OpenLevel, (string? SetlId, decimal Threshold)>();
        foreach (var change in journal.OrderBy(entry => entry.Position).SelectMany(entry => entry.Levels))
        {
            if (change.Kind == "threshold_cleared")
            {
                Assert.True(open.Remove(change.Open), $"{change.Open} cleared while not open");
                continue;
            }
            Assert.False(open.TryGetValue(change.Open, out var place) && place == change.Place,
                $"{change.Open} fired while already open at {change.Place}: counted twice");
            open[change.Open] = change.Place;
        }
        var missing = replay.OpenLevels.Except(open.Keys).ToList();
        var extra = open.Keys.Except(replay.OpenLevels).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"open levels: {replay.OpenLevels.Count} expected, {open.Count} held by the journal's events; missing {missing.Count} (first: {missing.FirstOrDefault()}), " +
            $"unexpected {extra.Count} (first: {extra.FirstOrDefault()})");
        return (missing.Count, extra.Count);
    }

    private static (int Count, decimal Medfee, decimal Scope) FileSums(IEnumerable<Client.Wire.SettlementLine> settlements)
    {
        var list = settlements.ToList();
        return (list.Count, list.Sum(s => s.MedfeeSumamt), list.Sum(s => s.InscpScpAmt));
    }
}
