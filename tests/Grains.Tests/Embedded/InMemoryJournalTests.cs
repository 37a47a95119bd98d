using Ledger.Grains.Journal;
using Ledger.Policy.Households;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ledger.Grains.Tests.Embedded;

/// <summary>The embedded journal's group commit: many appends at once, each answered as if it had been alone.</summary>
public sealed class InMemoryJournalTests
{
    private static readonly DateTimeOffset March = new(2024, 3, 1, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Appends_made_at_once_are_each_answered_with_dense_positions_and_handed_on_in_position_order()
    {
        var fanOut = FanOut();
        var heard = fanOut.Listen();
        var journal = new InMemoryJournal(fanOut);

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 5_000).Select(number =>
            Task.Run(() => journal.Append(JournalAppend.Of([Recorded($"S-{number}", $"P-{number % 97}")])))));
        var resent = await journal.Append(JournalAppend.Of([Recorded("S-17", "P-17")]));

        var positions = outcomes.Select(outcome => Assert.Single(outcome.Committed)).ToDictionary(entry => entry.SetlId, entry => entry.Position);
        Assert.Equal(Enumerable.Range(1, 5_000).Select(number => (long)number), positions.Values.Order());
        Assert.True(resent.Conflicted);
        Assert.Equal(positions["S-17"], resent.Conflict!.Position);
        var handed = new List<long>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (handed.Count < 5_000)
        {
            handed.AddRange((await heard.ReadAsync(deadline.Token)).Select(entry => entry.Position));
        }
        Assert.Equal(Enumerable.Range(1, 5_000).Select(number => (long)number), handed);
    }

    [Fact]
    public async Task A_roll_writes_a_household_only_while_no_grain_has_claimed_it_and_nobody_is_registered_in_it()
    {
        var journal = new InMemoryJournal(FanOut());

        var written = await journal.Append(Roll("H-10", "P-10"));
        var again = await journal.Append(Roll("H-10", "P-11"));
        Assert.Empty((await journal.ClaimHousehold("H-11")).Members);
        var claimed = await journal.Append(Roll("H-11", "P-12"));

        Assert.False(written.HouseholdTaken);
        Assert.Equal("P-10", Assert.Single(written.Committed).PsnNo);
        Assert.Equal((true, 0), (again.HouseholdTaken, again.Committed.Count));
        Assert.Equal((true, 0), (claimed.HouseholdTaken, claimed.Committed.Count));
        Assert.Equal(["P-10"], (await journal.ClaimHousehold("H-10")).Members.Select(person => person.PsnNo));
        Assert.Empty(await journal.FindPersons(["P-11", "P-12"]));
    }

    [Fact]
    public async Task A_grains_append_is_refused_whole_when_its_household_has_an_entry_newer_than_its_fence()
    {
        var journal = new InMemoryJournal(FanOut());
        await journal.Append(JournalAppend.Of([Recorded("S-0", "P-9")]));
        var claim = await journal.ClaimHousehold("H-P-1");

        // Two activations of one household, both loaded before either wrote.
        var first = await journal.Append(Fenced([Recorded("S-1", "P-1")], claim.LastPosition));
        var stale = await journal.Append(Fenced([Recorded("S-2", "P-1")], claim.LastPosition));
        var reloaded = await journal.ClaimHousehold("H-P-1");
        var current = await journal.Append(Fenced([Recorded("S-2", "P-1")], reloaded.LastPosition));

        Assert.Equal(0L, claim.LastPosition);
        Assert.Equal((false, 2L), (first.WriterBehind, Assert.Single(first.Committed).Position));
        Assert.Equal((true, 0), (stale.WriterBehind, stale.Committed.Count));
        Assert.Equal(2L, reloaded.LastPosition);
        Assert.Equal((false, 3L), (current.WriterBehind, Assert.Single(current.Committed).Position));
        Assert.Equal((3L, 0L), (await journal.HouseholdPosition("H-P-1"), await journal.HouseholdPosition("H-none")));
        Assert.Equal(["S-1", "S-2"], (await journal.ReadPersons(["P-1"], 2024, 2024)).Select(entry => entry.SetlId));
    }

    private static JournalAppend Fenced(IReadOnlyList<JournalEntry> entries, long lastPosition) =>
        JournalAppend.Of(entries) with { Fence = new HouseholdFence(entries[0].HouseholdId, lastPosition) };

    private static JournalAppend Roll(string householdId, string psnNo) => new(
        [Recorded("", psnNo) with { Kind = EntryKind.IdentityChanged, HouseholdId = householdId, Change = default }],
        [new PersonWrite(new Contracts.Persons.PersonRecord { PsnNo = psnNo, HouseholdId = householdId, RegionCode = "350102" }, householdId)])
    {
        NewHouseholdId = householdId,
    };

    private static JournalEntry Recorded(string setlId, string psnNo) => new()
    {
        Kind = EntryKind.Recorded, SetlId = setlId, PsnNo = psnNo, HouseholdId = "H-" + psnNo, RegionCode = "350102", Year = 2024,
        SetlTime = March, LoggedAt = March, PolicyId = "fujian-2022",
        Change = new YearChange(new Policy.Engine.YearTotals { Total = 100m, SelfPay = 100m, SettlementCount = 1 }, 0m, 0),
    };

    private static JournalFanOut FanOut()
    {
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new LedgerMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        // The cluster client is used only once a silo starts.
        return new JournalFanOut(null!, metrics, NullLogger<JournalFanOut>.Instance);
    }
}
