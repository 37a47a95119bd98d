using Ledger.Policy.Engine;
using Ledger.Policy.Households;

namespace Ledger.Client.WhatIf.Input;

/// <summary>
/// One settlement to replay: who, where it stands in the year, and the claim as sent. A class: a year
/// of a region is millions of them, and the lists that group and order them then move references.
/// </summary>
public sealed record ReplaySettlement(string PsnNo, SettlementKey Key, Claim Claim);

/// <summary>
/// A household-year to replay: its members' profiles and its surviving settlements in settlement-time
/// order (<see cref="SettlementKey"/>), so the ledger computes each on the year as it stands and none is late.
/// </summary>
public sealed record ReplayHousehold(string HouseholdId, MemberProfile[] Members, ReplaySettlement[] Settlements);

/// <summary>
/// What a source made of its files: the household-years of one year, and what it left out and why. The
/// settlements stay in their compact store (<see cref="StoredSettlement"/>); a household's objects are
/// made when it is replayed (<see cref="Household"/>) and are garbage once its figures are added up.
/// </summary>
public sealed class ReplayInput
{
    private readonly IReadOnlyList<SettlementBlock> _blocks;
    private readonly PersonTable _persons;
    private readonly string[] _householdIds;

    /// <summary>Settlements by household, each household's in settlement-time order: (block &lt;&lt; 32) | line.</summary>
    private readonly long[] _order;

    /// <summary>Where each household's settlements begin in <see cref="_order"/>; one more entry for the end.</summary>
    private readonly int[] _starts;

    internal ReplayInput(int year, IReadOnlyList<SettlementBlock> blocks, PersonTable persons, string[] householdIds, long[] order, int[] starts, InputTally tally)
    {
        (Year, _blocks, _persons, _householdIds, _order, _starts, Tally) = (year, blocks, persons, householdIds, order, starts, tally);
    }

    public int Year { get; }

    public InputTally Tally { get; }

    public int HouseholdCount => _householdIds.Length;

    public long SettlementCount => _order.Length;

    /// <summary>A household-year with its members (by psn_no, ordinal) and its settlements in settlement-time order.</summary>
    public ReplayHousehold Household(int index)
    {
        var settlements = new ReplaySettlement[_starts[index + 1] - _starts[index]];
        var members = new List<int>(4);
        for (var i = 0; i < settlements.Length; i++)
        {
            var at = _order[_starts[index] + i];
            var block = _blocks[(int)(at >> 32)];
            var line = (int)at;
            settlements[i] = block.Materialise(line, _persons);
            if (!members.Contains(block[line].Person))
            {
                members.Add(block[line].Person);
            }
        }
        var profiles = members.Select(person => _persons[person].Profile).ToArray();
        Array.Sort(profiles, (a, b) => string.CompareOrdinal(a.PsnNo, b.PsnNo));
        return new ReplayHousehold(_householdIds[index], profiles, settlements);
    }
}

/// <summary>
/// The lines a source read and the ones it left out, by reason; the report prints them so an officer
/// knows what the figures cover. Reasons are fixed phrases (never a line's content: it may hold personal data).
/// </summary>
public sealed class InputTally
{
    private readonly SortedDictionary<string, long> _skipped = new(StringComparer.Ordinal);

    public string Source { get; init; } = "";

    public long LinesRead { get; set; }

    public IReadOnlyDictionary<string, long> Skipped => _skipped;

    /// <summary>Things replayed but worth knowing (a member whose residence changed within the year, say), by phrase.</summary>
    public SortedDictionary<string, long> Notes { get; } = new(StringComparer.Ordinal);

    public void Note(string note) => Notes[note] = Notes.GetValueOrDefault(note) + 1;

    public void Skip(string reason, long count = 1)
    {
        if (count > 0)
        {
            _skipped[reason] = _skipped.GetValueOrDefault(reason) + count;
        }
    }

    public void Add(InputTally other)
    {
        LinesRead += other.LinesRead;
        foreach (var (reason, count) in other._skipped)
        {
            Skip(reason, count);
        }
        foreach (var (note, count) in other.Notes)
        {
            Notes[note] = Notes.GetValueOrDefault(note) + count;
        }
    }
}
