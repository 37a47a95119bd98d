using Ledger.Grains.Hosting;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;
using Ledger.Policy.Loading;
using Ledger.Silo.Projections;

namespace Ledger.Grains.Tests.Projections;

/// <summary>
/// Which identity changes the PostgreSQL store re-classifies, without a database: each costs three
/// statements over the journal, so only those of persons with a settlement in the batch or counted before
/// it; a registration (an identity change of a person who cannot have settled yet) costs none.
/// </summary>
public sealed class ReclassificationCommandsTests
{
    private static readonly PolicyCatalogue Policies = PolicyLoader.LoadDirectory(LedgerGrainServices.DefaultPolicyFolder);
    private static readonly DateTimeOffset Logged = new(2022, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly HashSet<string> NoneBefore = new(StringComparer.Ordinal);

    [Fact]
    public void A_batch_of_new_registrations_writes_their_identities_and_re_classifies_nobody()
    {
        var batch = Batch([.. Enumerable.Range(1, 50).Select(index => Registered($"N-{index}"))]);

        Assert.Equal(50, batch.Reclassified.Count);
        Assert.Equal(50, batch.ReclassifiedUnsettledHere().Length);
        Assert.Equal(["ledger_person_identities"], Tables(ProjectionCommands.Of(batch, MonitoringDelta.None, NoneBefore)));
    }

    [Fact]
    public void An_identity_change_of_a_person_who_settled_in_the_batch_or_before_it_is_re_classified()
    {
        var batch = Batch([Recorded("A", "A-S1"), IdentityChanged("A"), IdentityChanged("B"), Registered("C")]);

        Assert.Equal(["B", "C"], batch.ReclassifiedUnsettledHere());
        var commands = ProjectionCommands.Of(batch, MonitoringDelta.None, new HashSet<string>(["B"], StringComparer.Ordinal)).ToList();
        var reclassifying = commands.Where(command => command.CommandText.Contains("ledger_journal", StringComparison.Ordinal)).ToList();
        // Three statements each for A (settled here) and B (settled before); none for C.
        Assert.Equal(["A", "A", "A", "B", "B", "B"], reclassifying.Select(command => (string)command.Parameters[0].Value!));
    }

    private static ProjectionBatch Batch(IReadOnlyList<JournalEntry> entries) =>
        ProjectionBatch.Of(entries.Select((entry, index) => new FoldedEntry(index + 1, entry.LoggedAt, ProjectionFold.Changes(entry, Policies))));

    /// <summary>The KPI-relevant tables the commands write (the identities table, or the journal-joined re-classification).</summary>
    private static List<string> Tables(IEnumerable<Npgsql.NpgsqlBatchCommand> commands) =>
        [.. commands.Select(command => command.CommandText.Contains("ledger_journal", StringComparison.Ordinal) ? "reclassify"
            : command.CommandText.Contains("ledger_person_identities", StringComparison.Ordinal) ? "ledger_person_identities" : command.CommandText)];

    /// <summary>A new member's registration: its identities journaled from their first begin.</summary>
    private static JournalEntry Registered(string psnNo) => IdentityChanged(psnNo) with { SetlTime = new(2022, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)) };

    private static JournalEntry IdentityChanged(string psnNo) => new()
    {
        Kind = EntryKind.IdentityChanged, PsnNo = psnNo, HouseholdId = $"{psnNo}-H", RegionCode = "330702", Year = 2022,
        SetlTime = new(2022, 3, 1, 0, 0, 0, TimeSpan.FromHours(8)), LoggedAt = Logged,
        Context = new MemberContext(Identities.Dibao, Residence.Rural),
        IdentityPeriods = [new IdentityPeriod(Identities.Dibao, new DateOnly(2022, 1, 1), null)],
    };

    private static JournalEntry Recorded(string psnNo, string setlId) => new()
    {
        Kind = EntryKind.Recorded, SetlId = setlId, PsnNo = psnNo, HouseholdId = $"{psnNo}-H", RegionCode = "330702", Year = 2022,
        SetlTime = new(2022, 3, 10, 9, 0, 0, TimeSpan.FromHours(8)), LoggedAt = Logged, PolicyId = "jinhua-2022",
        Context = new MemberContext(Identities.None, Residence.Rural),
        Change = new YearChange(new YearTotals { Total = 200m, PolicyScope = 100m, Basic = 100m, SelfPay = 100m, SettlementCount = 1 }, 0m, 0),
    };
}
