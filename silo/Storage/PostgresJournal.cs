using System.Threading.Channels;
using Ledger.Contracts.Persons;
using Ledger.Grains;
using Ledger.Grains.Journal;
using Ledger.Policy.Households;
using Npgsql;
using Orleans.Serialization;
using Orleans.Runtime;

namespace Ledger.Silo.Storage;

public sealed record PostgresJournalOptions(string ConnectionString);

/// <summary>
/// The durable journal: tables <c>ledger_journal</c> and <c>ledger_persons</c>. Appends from all the
/// silo's households are gathered into one statement and one commit per round trip (see
/// <c>PostgresJournal.Appends.cs</c>); each household's append completes when its rows are committed.
/// </summary>
public sealed partial class PostgresJournal(
    PostgresJournalOptions options, Serializer serializer, JournalFanOut fanOut, LedgerMetrics metrics, ILogger<PostgresJournal> logger)
    : IJournal, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly Channel<PendingAppend> _pending = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HouseholdMemberReads _memberReads = new(householdIds => MembersOf(options, serializer, householdIds, claim: false));
    private readonly HouseholdMemberReads _claims = new(householdIds => MembersOf(options, serializer, householdIds, claim: true));

    public Task<AppendOutcome> Append(JournalAppend append, CancellationToken cancellationToken = default)
    {
        var pending = new PendingAppend(append);
        if (!_pending.Writer.TryWrite(pending))
        {
            return Task.FromException<AppendOutcome>(new InvalidOperationException("the journal is stopped"));
        }
        Interlocked.Add(ref _pendingRows, pending.Rows);
        return pending.Done.Task;
    }

    public Task<IReadOnlyList<JournalEntry>> ReadPersons(
        IReadOnlyCollection<string> psnNos, int fromYear, int toYear, long afterPosition = 0, CancellationToken cancellationToken = default) =>
        Entries("""
            SELECT position, payload FROM ledger_journal
            WHERE psn_no = ANY(@psns) AND year BETWEEN @from AND @to AND position > @after ORDER BY position
            """, command =>
        {
            command.Parameters.Add(new NpgsqlParameter<string[]>("psns", [.. psnNos]));
            command.Parameters.AddWithValue("from", fromYear);
            command.Parameters.AddWithValue("to", toYear);
            command.Parameters.AddWithValue("after", afterPosition);
        }, cancellationToken);

    public async Task<JournalEntry?> FindSettlement(string setlId, EntryKind kind, CancellationToken cancellationToken = default)
    {
        var found = await Entries("SELECT position, payload FROM ledger_journal WHERE setl_id = @setl AND kind = @kind AND kind IN (0, 1)", command =>
        {
            command.Parameters.AddWithValue("setl", setlId);
            command.Parameters.AddWithValue("kind", (short)kind);
        }, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<JournalEntry>> ReadAfter(
        long afterPosition, int max, string regionPrefix = "", int? year = null, CancellationToken cancellationToken = default) =>
        Entries("""
            SELECT position, payload FROM ledger_journal
            WHERE position > @after AND (@prefix = '' OR region_code LIKE @prefix || '%') AND (@year::integer IS NULL OR year = @year OR (kind IN (3, 4) AND year < @year))
            ORDER BY position LIMIT @max
            """, command =>
        {
            command.Parameters.AddWithValue("after", afterPosition);
            command.Parameters.AddWithValue("prefix", regionPrefix);
            command.Parameters.Add(new NpgsqlParameter<int?>("year", year));
            command.Parameters.AddWithValue("max", max);
        }, cancellationToken);

    public async Task<long> LastPosition(CancellationToken cancellationToken = default)
    {
        await using var connection = await Open(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT coalesce(max(position), 0) FROM ledger_journal", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>One probe of the household index, newest first (<c>ledger_journal_household</c>).</summary>
    public async Task<long> HouseholdPosition(string householdId, CancellationToken cancellationToken = default)
    {
        await using var connection = await Open(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT coalesce(max(position), 0) FROM ledger_journal WHERE household_id = @household", connection);
        command.Parameters.AddWithValue("household", householdId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<PersonRecord?> FindPerson(string psnNo, CancellationToken cancellationToken = default)
    {
        var found = await Persons("SELECT record FROM ledger_persons WHERE psn_no = @psn",
            command => command.Parameters.AddWithValue("psn", psnNo), cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<PersonRecord>> FindPersons(IReadOnlyCollection<string> psnNos, CancellationToken cancellationToken = default) =>
        Persons("SELECT record FROM ledger_persons WHERE psn_no = ANY(@psns)",
            command => command.Parameters.Add(new NpgsqlParameter<string[]>("psns", [.. psnNos])), cancellationToken);

    public async Task<IReadOnlyList<PersonRecord>> PersonsOf(string householdId, CancellationToken cancellationToken = default) =>
        (await _memberReads.Of(householdId, cancellationToken)).Members;

    public Task<HouseholdClaim> ClaimHousehold(string householdId, CancellationToken cancellationToken = default) =>
        _claims.Of(householdId, cancellationToken);

    /// <summary>
    /// The members of many households in one round trip, the households claimed first when their grains
    /// are activating. The claim waits for a roll's uncommitted claim of the same household, and the read
    /// after it (a statement of its own, so a snapshot of its own) then sees what that roll wrote. Claims
    /// are inserted in key order, as a roll's are, so two claims of many households cannot deadlock.
    /// A claim also reads each household's newest entry, before the grain reads its members' entries.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, HouseholdClaim>> MembersOf(PostgresJournalOptions options, Serializer serializer, IReadOnlyList<string> householdIds, bool claim)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var batch = new NpgsqlBatch(connection);
        if (claim)
        {
            var claims = new NpgsqlBatchCommand("""
                INSERT INTO ledger_households (household_id) SELECT h FROM unnest(@households) AS t(h) ORDER BY h
                ON CONFLICT (household_id) DO NOTHING
                """);
            claims.Parameters.Add(new NpgsqlParameter<string[]>("households", [.. householdIds]));
            batch.BatchCommands.Add(claims);
            var newest = new NpgsqlBatchCommand("""
                SELECT h, (SELECT j.position FROM ledger_journal j WHERE j.household_id = h ORDER BY j.position DESC LIMIT 1)
                FROM unnest(@households) AS t(h)
                """);
            newest.Parameters.Add(new NpgsqlParameter<string[]>("households", [.. householdIds]));
            batch.BatchCommands.Add(newest);
        }
        var members = new NpgsqlBatchCommand("SELECT record FROM ledger_persons WHERE household_id = ANY(@households) ORDER BY household_id, psn_no");
        members.Parameters.Add(new NpgsqlParameter<string[]>("households", [.. householdIds]));
        batch.BatchCommands.Add(members);
        var positions = new Dictionary<string, long>(StringComparer.Ordinal);
        var found = new List<PersonRecord>();
        await using var reader = await batch.ExecuteReaderAsync();
        if (claim)
        {
            while (await reader.ReadAsync())
            {
                positions[reader.GetString(0)] = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
            }
            await reader.NextResultAsync();
        }
        while (await reader.ReadAsync())
        {
            found.Add(serializer.Deserialize<PersonRecord>(reader.GetFieldValue<byte[]>(0))!);
        }
        var byHousehold = found.ToLookup(person => person.HouseholdId, StringComparer.Ordinal);
        return householdIds.ToDictionary(id => id, id => new HouseholdClaim([.. byHousehold[id]], positions.GetValueOrDefault(id)), StringComparer.Ordinal);
    }

    private Task<IReadOnlyList<JournalEntry>> Entries(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken) =>
        Rows(sql, bind, reader => Entry(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)), cancellationToken);

    private Task<IReadOnlyList<PersonRecord>> Persons(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken) =>
        Rows(sql, bind, reader => serializer.Deserialize<PersonRecord>(reader.GetFieldValue<byte[]>(0))!, cancellationToken);

    private async Task<IReadOnlyList<T>> Rows<T>(string sql, Action<NpgsqlCommand> bind, Func<NpgsqlDataReader, T> row, CancellationToken cancellationToken)
    {
        await using var connection = await Open(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        bind(command);
        var found = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(row(reader));
        }
        return found;
    }

    private JournalEntry Entry(long position, byte[] payload) => serializer.Deserialize<JournalEntry>(payload)! with { Position = position };

    private async Task<NpgsqlConnection> Open(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
