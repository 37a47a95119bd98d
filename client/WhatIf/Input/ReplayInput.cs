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

/// <summary>What a source made of its files: the household-years of one year, and what it left out and why.</summary>
public sealed record ReplayInput(int Year, IReadOnlyList<ReplayHousehold> Households, InputTally Tally)
{
    public long SettlementCount => Households.Sum(household => (long)household.Settlements.Length);

    public long PersonCount => Households.Sum(household => (long)household.Members.Length);
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
