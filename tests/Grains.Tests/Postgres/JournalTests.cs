using Ledger.Contracts.Persons;
using Ledger.Grains;
using Ledger.Grains.Journal;
using Ledger.Policy.Households;
using Ledger.Silo.Storage;
using Ledger.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Runtime;
using Orleans.Serialization;

namespace Ledger.Grains.Tests.Postgres;

/// <summary>The durable journal's contract, against the real server.</summary>
public sealed class JournalTests : IAsyncLifetime
{
    private static readonly DateTimeOffset March = new(2024, 3, 1, 10, 0, 0, TimeSpan.FromHours(8));

    // A database per test: positions start at 1 and no other test's entries, persons or households show
    // (a shared one made the dense-positions test pass only while the test order ran it first).
    private readonly PostgresDatabase _database = new();
    private PostgresJournal _journal = null!;
    private Serializer _serializer = null!;
    private readonly SingleStageLifecycle _lifecycle = new();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await _database.ApplySchemaAsync();
        var services = new ServiceCollection().AddSerializer().AddMetrics().BuildServiceProvider();
        var metrics = new LedgerMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var fanOut = new JournalFanOut(null!, metrics, NullLogger<JournalFanOut>.Instance);
        // As the silos' own role: rows to read and append, no DDL, no rewriting the journal.
        _serializer = services.GetRequiredService<Serializer>();
        _journal = new PostgresJournal(new PostgresJournalOptions(_database.AppConnectionString), _serializer,
            fanOut, metrics, NullLogger<PostgresJournal>.Instance);
        _journal.Participate(_lifecycle);
        await _lifecycle.Observer!.OnStart(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _lifecycle.Observer!.OnStop(CancellationToken.None);
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Appends_commit_one_at_a_time_so_positions_are_dense_and_in_commit_order()
    {
        // Another silo's append, holding the lock in an open transaction.
        await using var other = new NpgsqlConnection(_database.ConnectionString);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({PostgresJournal.AppendLock})", other, transaction))
        {
            await hold.ExecuteNonQueryAsync();
        }

        var append = _journal.Append(JournalAppend.Of([Recorded("S-1", "P-1"), Adjusted("S-0", "P-1")]));
        var waited = await Task.WhenAny(append, Task.Delay(TimeSpan.FromMilliseconds(500)));
        Assert.NotSame(append, waited);
        Assert.Equal(0L, await _database.Scalar<long>("SELECT count(*) FROM ledger_journal"));

        await transaction.CommitAsync();
        var outcome = await append.WaitAsync(TimeSpan.FromSeconds(10));
        var next = await _journal.Append(JournalAppend.Of([Recorded("S-2", "P-1")]));

        Assert.Equal([1L, 2L], outcome.Committed.Select(entry => entry.Position));
        Assert.Equal([3L], next.Committed.Select(entry => entry.Position));
        Assert.Equal(["S-1", "S-0", "S-2"], (await _journal.ReadAfter(0, 10, "35")).Select(entry => entry.SetlId));
    }

    /// <summary>A year's read also takes the identity changes journaled under earlier years (they may hold in it), not later ones'.</summary>
    [Fact]
    public async Task A_years_read_takes_its_entries_and_the_identity_changes_of_earlier_years()
    {
        await _journal.Append(JournalAppend.Of([Recorded("S-1", "P-1") with { Year = 2023 }]));
        await _journal.Append(JournalAppend.Of([Identity("P-1", "H-1") with { Year = 2023 }]));
        await _journal.Append(JournalAppend.Of([Recorded("S-2", "P-1")]));
        await _journal.Append(JournalAppend.Of([Identity("P-1", "H-1") with { Year = 2025 }]));

        var year = await _journal.ReadAfter(0, 10, "35", 2024);

        Assert.Equal([(2L, EntryKind.IdentityChanged, 2023), (3L, EntryKind.Recorded, 2024)], year.Select(entry => (entry.Position, entry.Kind, entry.Year)));
    }

    [Fact]
    public async Task A_setl_id_the_journal_holds_sets_the_whole_append_aside_and_answers_with_the_first_entry()
    {
        var first = await _journal.Append(JournalAppend.Of([Recorded("S-9", "P-9")]));

        var again = await _journal.Append(JournalAppend.Of([Recorded("S-9", "P-9") with { Change = default }, Adjusted("S-8", "P-9")]));
        var twiceInOneBatch = await Task.WhenAll(
            _journal.Append(JournalAppend.Of([Recorded("S-7", "P-7")])), _journal.Append(JournalAppend.Of([Recorded("S-7", "P-6")])));

        Assert.True(again.Conflicted);
        Assert.Equal((first.Committed[0].Position, "P-9", 1), (again.Conflict!.Position, again.Conflict.PsnNo, again.Conflict.Change.Totals.SettlementCount));
        Assert.Single(twiceInOneBatch, outcome => outcome.Conflicted);
        Assert.Equal(1L, await _database.Scalar<long>("SELECT count(*) FROM ledger_journal WHERE setl_id = 'S-9'"));
        Assert.Equal(0L, await _database.Scalar<long>("SELECT count(*) FROM ledger_journal WHERE setl_id = 'S-8'"));
    }

    [Fact]
    public async Task The_silos_role_cannot_rewrite_the_journal()
    {
        await _journal.Append(JournalAppend.Of([Recorded("S-3", "P-3")]));
        await using var app = new NpgsqlConnection(_database.AppConnectionString);
        await app.OpenAsync();

        foreach (var sql in (string[])["UPDATE ledger_journal SET psn_no = 'P-4'", "DELETE FROM ledger_journal", "TRUNCATE ledger_journal"])
        {
            await using var command = new NpgsqlCommand(sql, app);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }
        Assert.Equal(1L, await _database.Scalar<long>("SELECT count(*) FROM ledger_journal WHERE setl_id = 'S-3'"));
    }

    [Fact]
    public async Task A_registration_stands_only_where_the_person_is_new_or_already_is_and_takes_its_identity_entry_with_it()
    {
        var registered = await _journal.Append(new JournalAppend([Identity("P-5", "H-1")], [new PersonWrite(Person("P-5", "H-1"), "H-1")]));
        var elsewhere = await _journal.Append(new JournalAppend([Identity("P-5", "H-2")], [new PersonWrite(Person("P-5", "H-2"), "H-2")]));
        var moved = await _journal.Append(new JournalAppend([Identity("P-5", "H-2")], [new PersonWrite(Person("P-5", "H-2"), "H-1")]));

        Assert.Equal((1, 0), (registered.Committed.Count, registered.PersonsRefused.Count));
        Assert.Equal((0, "P-5"), (elsewhere.Committed.Count, Assert.Single(elsewhere.PersonsRefused)));
        Assert.Equal((1, 0), (moved.Committed.Count, moved.PersonsRefused.Count));
        Assert.Equal("H-2", (await _journal.FindPerson("P-5"))!.HouseholdId);
        Assert.Equal(["P-5"], (await _journal.PersonsOf("H-2")).Select(person => person.PsnNo));
        Assert.Empty(await _journal.PersonsOf("H-1"));
    }

    [Fact]
    public async Task A_roll_writes_a_household_only_while_no_grain_has_claimed_it_and_nobody_is_registered_in_it()
    {
        var written = await _journal.Append(Roll("H-10", "P-10"));
        var again = await _journal.Append(Roll("H-10", "P-11"));
        Assert.Empty((await _journal.ClaimHousehold("H-11")).Members);
        var claimed = await _journal.Append(Roll("H-11", "P-12"));
        var together = await Task.WhenAll(_journal.Append(Roll("H-12", "P-13")), _journal.Append(Roll("H-12", "P-14")));

        Assert.Equal((false, 1), (written.HouseholdTaken, written.Committed.Count));
        Assert.Equal((true, 0), (again.HouseholdTaken, again.Committed.Count));
        Assert.Equal((true, 0), (claimed.HouseholdTaken, claimed.Committed.Count));
        Assert.Equal([false, true], together.Select(outcome => outcome.HouseholdTaken).Order());
        Assert.Equal(["P-10"], (await _journal.PersonsOf("H-10")).Select(person => person.PsnNo));
        Assert.Empty(await _journal.PersonsOf("H-11"));
        Assert.Single(await _journal.PersonsOf("H-12"));
        Assert.Equal(0L, await _database.Scalar<long>("SELECT count(*) FROM ledger_journal WHERE psn_no IN ('P-11', 'P-12')"));
    }

    [Fact]
    public async Task A_grain_claiming_a_household_a_roll_is_writing_waits_for_the_roll_and_reads_its_members()
    {
        // A roll's statement on another silo, its claim and registration not yet committed.
        await using var other = new NpgsqlConnection(_database.ConnectionString);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await using (var roll = new NpgsqlCommand("""
            INSERT INTO ledger_households (household_id) VALUES ('H-20');
            INSERT INTO ledger_persons (psn_no, household_id, region_code, record) VALUES ('P-20', 'H-20', '350102', @record)
            """, other, transaction))
        {
            roll.Parameters.AddWithValue("record", _serializer.SerializeToArray(Person("P-20", "H-20")));
            await roll.ExecuteNonQueryAsync();
        }

        var claim = _journal.ClaimHousehold("H-20");
        var waited = await Task.WhenAny(claim, Task.Delay(TimeSpan.FromMilliseconds(500)));
        Assert.NotSame(claim, waited);

        await transaction.CommitAsync();
        Assert.Equal(["P-20"], (await claim.WaitAsync(TimeSpan.FromSeconds(10))).Members.Select(person => person.PsnNo));
    }

    [Fact]
    public async Task A_grains_append_is_refused_whole_when_its_household_has_an_entry_newer_than_its_fence()
    {
        await _journal.Append(JournalAppend.Of([Recorded("S-F0", "P-F9")]));
        var claim = await _journal.ClaimHousehold("H-F1");

        // Two activations of one household on two silos, both loaded before either wrote.
        var first = await _journal.Append(Fenced([Recorded("S-F1", "P-F1")], claim.LastPosition));
        var stale = await _journal.Append(Fenced([Recorded("S-F2", "P-F1")], claim.LastPosition));
        var reloaded = await _journal.ClaimHousehold("H-F1");
        var current = await _journal.Append(Fenced([Recorded("S-F2", "P-F1")], reloaded.LastPosition));
        // Two at once, in one statement (the batch's second for the household) or in two: one is refused.
        var together = await Task.WhenAll(
            _journal.Append(Fenced([Recorded("S-F3", "P-F1")], current.Committed[0].Position)),
            _journal.Append(Fenced([Recorded("S-F4", "P-F1")], current.Committed[0].Position)));

        Assert.Equal(0L, claim.LastPosition);
        Assert.False(first.WriterBehind);
        Assert.Equal((true, 0), (stale.WriterBehind, stale.Committed.Count));
        Assert.Equal(first.Committed[0].Position, reloaded.LastPosition);
        Assert.Equal((false, 1), (current.WriterBehind, current.Committed.Count));
        Assert.Equal([false, true], together.Select(outcome => outcome.WriterBehind).Order());
        Assert.Equal(3L, await _database.Scalar<long>("SELECT count(*) FROM ledger_journal WHERE household_id = 'H-F1'"));
        // What a read compares with its fence: the household's newest entry, the one of the two that got through.
        Assert.Equal(together.Single(outcome => !outcome.WriterBehind).Committed[0].Position, await _journal.HouseholdPosition("H-F1"));
        Assert.Equal(0L, await _journal.HouseholdPosition("H-none"));
        Assert.Equal(["S-F1", "S-F2"], (await _journal.ReadPersons(["P-F1"], 2024, 2024)).Select(entry => entry.SetlId).Take(2));
    }

    private static JournalAppend Fenced(IReadOnlyList<JournalEntry> entries, long lastPosition) =>
        JournalAppend.Of([.. entries.Select(entry => entry with { HouseholdId = "H-F1" })]) with { Fence = new HouseholdFence("H-F1", lastPosition) };

    [Fact]
    public async Task Members_of_many_households_asked_at_once_each_get_their_own_in_number_order()
    {
        var households = Enumerable.Range(1, 300).Select(number => $"HM-{number}").ToList();
        await _journal.Append(new JournalAppend([], [.. households.SelectMany(household => new[] { "B", "A" }.Select(
            member => new PersonWrite(Person($"P-{household}-{member}", household), household)))]));

        var members = await Task.WhenAll(households.Append("HM-none").Select(household => _journal.PersonsOf(household)));

        for (var i = 0; i < households.Count; i++)
        {
            Assert.Equal([$"P-{households[i]}-A", $"P-{households[i]}-B"], members[i].Select(person => person.PsnNo));
        }
        Assert.Empty(members[^1]);
    }

    private static JournalEntry Recorded(string setlId, string psnNo) => new()
    {
        Kind = EntryKind.Recorded, SetlId = setlId, PsnNo = psnNo, HouseholdId = "H-1", RegionCode = "350102", Year = 2024,
        SetlTime = March, LoggedAt = March, PolicyId = "fujian-2022",
        Change = new YearChange(new Policy.Engine.YearTotals { Total = 100m, SelfPay = 100m, SettlementCount = 1 }, 0m, 0),
    };

    private static JournalEntry Adjusted(string setlId, string psnNo) => Recorded(setlId, psnNo) with
    {
        Kind = EntryKind.Adjusted, Change = default, Cause = AdjustmentCause.LateSettlement, CauseId = "S-1",
    };

    private static JournalEntry Identity(string psnNo, string householdId) => new()
    {
        Kind = EntryKind.IdentityChanged, PsnNo = psnNo, HouseholdId = householdId, RegionCode = "350102", Year = 2024, SetlTime = March, LoggedAt = March,
    };

    private static JournalAppend Roll(string householdId, string psnNo) =>
        new JournalAppend([Identity(psnNo, householdId)], [new PersonWrite(Person(psnNo, householdId), householdId)]) { NewHouseholdId = householdId };

    private static PersonRecord Person(string psnNo, string householdId) => new() { PsnNo = psnNo, HouseholdId = householdId, RegionCode = "350102" };
}
