using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;
using Ledger.Policy.Loading;
using Ledger.Shared;

namespace Ledger.Policy.Tests.Households;

/// <summary>
/// A level opened under a policy file that has since dropped its rule (Jinhua's coverage_below_target,
/// now a targets: section): the next settlement of the subject-year clears it, with an event, whether the
/// household is restored from a snapshot or rebuilt from its journal.
/// </summary>
public sealed class UnlistedRuleTests
{
    private const string Before = Tests.Engine.CoverageRulePolicy.Yaml;

    /// <summary>The same file once the rule is dropped.</summary>
    private static readonly string Now = Before[..Before.IndexOf("monitoring:", StringComparison.Ordinal)];

    private static readonly MemberProfile Person = new("P1", "990000", Residence.Rural,
        [new IdentityPeriod(Identities.Dibao, new DateOnly(2020, 1, 1), null)]);

    private static readonly SettlementKey May = new(new DateTimeOffset(2022, 5, 5, 10, 0, 0, ChinaTime.Offset), "S1");

    private static readonly SettlementKey June = new(new DateTimeOffset(2022, 6, 5, 10, 0, 0, ChinaTime.Offset), "S2");

    private static readonly Claim Small = new(new DateOnly(2022, 6, 5), MedicalType.Inpatient, 2, 1_000m, 1_000m);

    private static readonly EntryEvent Cleared = new(EntryEventKind.Cleared, Rule.CoverageBelowTarget, Level.Crossed, true, "H", 0m, 0m, June);

    [Fact]
    public async Task Restored_from_a_snapshot_the_level_is_cleared_at_the_next_settlement()
    {
        var before = await OpenedBefore();
        var upgraded = new LedgerBook("H", PolicyLoader.Load([("coverage.yaml", Now)]), [.. before.Journal]);
        var restored = HouseholdLedger.Restore("H", before.Ledger.Export(), [Person])!;

        var plan = await restored.PlanSettlementAsync("P1", June, Small, upgraded.Policies, upgraded.Read, LedgerBook.Now);
        restored.Commit(plan.Entries);

        Assert.Equal([Cleared], plan.Entries[0].Events);
        Assert.False(restored.Years.Get(2022).Year.Flags.Has(Rule.CoverageBelowTarget, Level.Crossed));
        Assert.Null(restored.OpeningOf(new LevelKey(2022, true, "H", Rule.CoverageBelowTarget, Level.Crossed)));
    }

    [Fact]
    public async Task Rebuilt_from_the_journal_the_level_stays_open_until_the_next_settlement_clears_it()
    {
        var before = await OpenedBefore();
        var upgraded = new LedgerBook("H", PolicyLoader.Load([("coverage.yaml", Now)]), [.. before.Journal]);
        upgraded.Ledger.Admit(Person);
        upgraded.Ledger.Rebuild(upgraded.Journal, upgraded.Policies);
        var level = new LevelKey(2022, true, "H", Rule.CoverageBelowTarget, Level.Crossed);

        Assert.True(upgraded.Ledger.Years.Get(2022).Year.Flags.Has(Rule.CoverageBelowTarget, Level.Crossed));
        Assert.Equal(May, upgraded.Ledger.OpeningOf(level)!.Value.At);

        var plan = await upgraded.Settle("P1", June, Small);

        Assert.Equal([Cleared], plan.Entries[0].Events);
        Assert.False(upgraded.Ledger.Years.Get(2022).Year.Flags.Has(Rule.CoverageBelowTarget, Level.Crossed));
        // Once cleared in the journal, a rebuild no longer holds it.
        var rebuilt = HouseholdLedger.Of("H", [Person]);
        rebuilt.Rebuild(upgraded.Journal, upgraded.Policies);
        Assert.False(rebuilt.Years.Get(2022).Year.Flags.Has(Rule.CoverageBelowTarget, Level.Crossed));
    }

    /// <summary>The household's coverage level crossed by a settlement the release before journaled.</summary>
    private static async Task<LedgerBook> OpenedBefore()
    {
        var book = new LedgerBook("H", PolicyLoader.Load([("coverage.yaml", Before)]));
        await book.Register(Person);
        var first = await book.Settle("P1", May, new Claim(new DateOnly(2022, 5, 5), MedicalType.Inpatient, 2, 25_000m, 0m, FullOwnPay: 25_000m));
        Assert.Equal([(EntryEventKind.Crossed, Rule.CoverageBelowTarget)], first.Entries[0].Events.Select(fired => (fired.Kind, fired.Rule)));
        return book;
    }
}
