using Ledger.Grains.Journal;
using Ledger.Policy.Households;
using Npgsql;
using Orleans.Serialization;

namespace Ledger.Silo.Storage;

/// <summary>
/// A batch of appends as the append statement's column arrays: one row per entry (with the append it
/// belongs to) and one per registration. A person registered by two appends of one batch is sent once,
/// for the first; the second is refused like any registration another household holds.
/// </summary>
internal sealed class AppendRows
{
    private readonly List<int> _unit = [];
    private readonly List<short> _kind = [];
    private readonly List<string> _setlId = [];
    private readonly List<string> _psnNo = [];
    private readonly List<string> _householdId = [];
    private readonly List<string> _regionCode = [];
    private readonly List<int> _year = [];
    private readonly List<DateTime> _setlTime = [];
    private readonly List<DateTime> _loggedAt = [];
    private readonly List<bool> _needsPerson = [];
    private readonly List<byte[]> _payload = [];
    private readonly List<int> _personUnit = [];
    private readonly List<string> _personPsnNo = [];
    private readonly List<string> _personHousehold = [];
    private readonly List<string> _personExpected = [];
    private readonly List<string> _personRegion = [];
    private readonly List<byte[]> _personRecord = [];
    private readonly List<int> _newUnit = [];
    private readonly List<string> _newHousehold = [];
    private readonly List<int> _fenceUnit = [];
    private readonly List<string> _fenceHousehold = [];
    private readonly List<long> _fencePosition = [];

    private AppendRows(IReadOnlyList<PendingAppend> batch) => Batch = batch;

    public IReadOnlyList<PendingAppend> Batch { get; }

    /// <summary>Each entry row's append and its place in that append.</summary>
    public List<(int Unit, int Index)> EntryOwners { get; } = [];

    /// <summary>The append whose registration of a person the batch sends (the first to register it).</summary>
    public Dictionary<string, int> SenderOf { get; } = new(StringComparer.Ordinal);

    public static AppendRows Of(IReadOnlyList<PendingAppend> batch, Serializer serializer)
    {
        var rows = new AppendRows(batch);
        for (var unit = 0; unit < batch.Count; unit++)
        {
            var append = batch[unit].Append;
            if (append.NewHouseholdId is { } household)
            {
                rows._newUnit.Add(unit);
                rows._newHousehold.Add(household);
            }
            if (append.Fence is { } fence)
            {
                rows._fenceUnit.Add(unit);
                rows._fenceHousehold.Add(fence.HouseholdId);
                rows._fencePosition.Add(fence.LastPosition);
            }
            var registered = new HashSet<string>(StringComparer.Ordinal);
            foreach (var write in append.Persons)
            {
                registered.Add(write.Person.PsnNo);
                if (rows.SenderOf.TryAdd(write.Person.PsnNo, unit))
                {
                    rows.AddPerson(unit, write, serializer);
                }
            }
            for (var index = 0; index < append.Entries.Count; index++)
            {
                var entry = append.Entries[index];
                rows.AddEntry(unit, entry, (entry.Kind is EntryKind.IdentityChanged or EntryKind.Moved) && registered.Contains(entry.PsnNo), serializer);
                rows.EntryOwners.Add((unit, index));
            }
        }
        return rows;
    }

    private void AddEntry(int unit, JournalEntry entry, bool needsPerson, Serializer serializer)
    {
        _unit.Add(unit);
        _kind.Add((short)entry.Kind);
        _setlId.Add(entry.SetlId);
        _psnNo.Add(entry.PsnNo);
        _householdId.Add(entry.HouseholdId);
        _regionCode.Add(entry.RegionCode);
        _year.Add(entry.Year);
        _setlTime.Add(entry.SetlTime.UtcDateTime);
        _loggedAt.Add(entry.LoggedAt.UtcDateTime);
        _needsPerson.Add(needsPerson);
        _payload.Add(serializer.SerializeToArray(entry));
    }

    private void AddPerson(int unit, PersonWrite write, Serializer serializer)
    {
        _personUnit.Add(unit);
        _personPsnNo.Add(write.Person.PsnNo);
        _personHousehold.Add(write.Person.HouseholdId);
        _personExpected.Add(write.ExpectedHouseholdId);
        _personRegion.Add(write.Person.RegionCode);
        _personRecord.Add(serializer.SerializeToArray(write.Person));
    }

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<int[]>("e_unit", [.. _unit]));
        parameters.Add(new NpgsqlParameter<short[]>("e_kind", [.. _kind]));
        parameters.Add(new NpgsqlParameter<string[]>("e_setl", [.. _setlId]));
        parameters.Add(new NpgsqlParameter<string[]>("e_psn", [.. _psnNo]));
        parameters.Add(new NpgsqlParameter<string[]>("e_household", [.. _householdId]));
        parameters.Add(new NpgsqlParameter<string[]>("e_region", [.. _regionCode]));
        parameters.Add(new NpgsqlParameter<int[]>("e_year", [.. _year]));
        parameters.Add(new NpgsqlParameter<DateTime[]>("e_setl_time", [.. _setlTime]));
        parameters.Add(new NpgsqlParameter<DateTime[]>("e_logged", [.. _loggedAt]));
        parameters.Add(new NpgsqlParameter<bool[]>("e_needs_person", [.. _needsPerson]));
        parameters.Add(new NpgsqlParameter<byte[][]>("e_payload", [.. _payload]));
        parameters.Add(new NpgsqlParameter<int[]>("p_unit", [.. _personUnit]));
        parameters.Add(new NpgsqlParameter<string[]>("p_psn", [.. _personPsnNo]));
        parameters.Add(new NpgsqlParameter<string[]>("p_household", [.. _personHousehold]));
        parameters.Add(new NpgsqlParameter<string[]>("p_expected", [.. _personExpected]));
        parameters.Add(new NpgsqlParameter<string[]>("p_region", [.. _personRegion]));
        parameters.Add(new NpgsqlParameter<byte[][]>("p_record", [.. _personRecord]));
        parameters.Add(new NpgsqlParameter<int[]>("n_unit", [.. _newUnit]));
        parameters.Add(new NpgsqlParameter<string[]>("n_household", [.. _newHousehold]));
        parameters.Add(new NpgsqlParameter<int[]>("f_unit", [.. _fenceUnit]));
        parameters.Add(new NpgsqlParameter<string[]>("f_household", [.. _fenceHousehold]));
        parameters.Add(new NpgsqlParameter<long[]>("f_position", [.. _fencePosition]));
    }
}

/// <summary>What the append statement answered, turned back into one outcome per append.</summary>
internal sealed class AppendResult(AppendRows rows)
{
    private readonly long?[] _positions = new long?[rows.EntryOwners.Count];
    private readonly Dictionary<int, JournalEntry?> _clashes = [];
    private readonly HashSet<int> _taken = [];
    private readonly HashSet<int> _behind = [];
    private readonly HashSet<string> _notWritten = new(StringComparer.Ordinal);

    public void Positioned(int entryRow, long position) => _positions[entryRow] = position;

    public void Clashed(int unit, JournalEntry? existing) => _clashes[unit] = existing ?? _clashes.GetValueOrDefault(unit);

    public void NotWritten(string psnNo) => _notWritten.Add(psnNo);

    public void Taken(int unit) => _taken.Add(unit);

    public void Behind(int unit) => _behind.Add(unit);

    public AppendOutcome[] Outcomes()
    {
        var outcomes = new AppendOutcome[rows.Batch.Count];
        var committed = Enumerable.Range(0, outcomes.Length).Select(_ => new List<JournalEntry>()).ToArray();
        for (var row = 0; row < _positions.Length; row++)
        {
            if (_positions[row] is { } position)
            {
                var (unit, index) = rows.EntryOwners[row];
                committed[unit].Add(rows.Batch[unit].Append.Entries[index] with { Position = position });
            }
        }
        for (var unit = 0; unit < outcomes.Length; unit++)
        {
            var refused = rows.Batch[unit].Append.Persons.Select(write => write.Person.PsnNo)
                .Where(psnNo => _notWritten.Contains(psnNo) || rows.SenderOf[psnNo] != unit).ToHashSet(StringComparer.Ordinal);
            outcomes[unit] = _taken.Contains(unit) ? AppendOutcome.Taken()
                : _behind.Contains(unit) ? AppendOutcome.Behind()
                : _clashes.TryGetValue(unit, out var existing) ? AppendOutcome.Clash(existing) : AppendOutcome.Done(committed[unit], refused);
        }
        return outcomes;
    }
}
