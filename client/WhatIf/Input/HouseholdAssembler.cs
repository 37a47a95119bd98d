using Ledger.Client.Cli;

namespace Ledger.Client.WhatIf.Input;

/// <summary>
/// Turns the settlements a source read (in its order) into household-years: the year chosen, every
/// setl_id once (the first wins, as the ledger answers a resend as a duplicate), each settlement in its
/// person's household, each household's settlements in settlement-time order.
/// </summary>
internal static class HouseholdAssembler
{
    public static ReplayInput Assemble(
        int? year, IReadOnlyList<List<ReplaySettlement>> blocks, Func<string, PersonRecord?> personOf, InputTally tally)
    {
        var chosen = year ?? OnlyYear(blocks);
        var count = blocks.Sum(block => block.Count);
        var seen = new HashSet<string>(count, StringComparer.Ordinal);
        var householdIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var households = new List<(string Id, Dictionary<string, PersonRecord> Members, int Count)>();
        // Pass one finds each settlement's household (or why it is left out); pass two fills arrays of the exact size.
        var target = new int[count];
        var position = 0;
        foreach (var settlement in blocks.SelectMany(block => block))
        {
            target[position++] = Place(settlement, chosen, seen, personOf, householdIndex, households, tally);
        }
        var arrays = households.Select(household => new ReplaySettlement[household.Count]).ToArray();
        var filled = new int[arrays.Length];
        position = 0;
        foreach (var settlement in blocks.SelectMany(block => block))
        {
            if (target[position++] is var index and >= 0)
            {
                arrays[index][filled[index]++] = settlement;
            }
        }
        foreach (var block in blocks)
        {
            // The households hold the settlements now; the blocks' lists can go.
            block.Clear();
            block.TrimExcess();
        }
        var assembled = new ReplayHousehold[arrays.Length];
        Parallel.For(0, arrays.Length, i =>
        {
            Array.Sort(arrays[i], (a, b) => a.Key.CompareTo(b.Key));
            var members = households[i].Members.Values.Select(member => member.Profile).OrderBy(profile => profile.PsnNo, StringComparer.Ordinal).ToArray();
            assembled[i] = new ReplayHousehold(households[i].Id, members, arrays[i]);
        });
        Array.Sort(assembled, (a, b) => string.CompareOrdinal(a.HouseholdId, b.HouseholdId));
        return new ReplayInput(chosen, assembled, tally);
    }

    private static int Place(
        ReplaySettlement settlement, int year, HashSet<string> seen, Func<string, PersonRecord?> personOf,
        Dictionary<string, int> householdIndex, List<(string Id, Dictionary<string, PersonRecord> Members, int Count)> households, InputTally tally)
    {
        if (!seen.Add(settlement.Key.SetlId))
        {
            tally.Skip("settlements: setl_id seen before (the first one counts)");
            return -1;
        }
        if (settlement.Claim.Date.Year != year)
        {
            tally.Skip($"settlements: not of {year}");
            return -1;
        }
        if (personOf(settlement.PsnNo) is not { } person)
        {
            tally.Skip("settlements: psn_no: not registered in the persons file");
            return -1;
        }
        if (!householdIndex.TryGetValue(person.HouseholdId, out var index))
        {
            index = households.Count;
            householdIndex[person.HouseholdId] = index;
            households.Add((person.HouseholdId, new Dictionary<string, PersonRecord>(StringComparer.Ordinal), 0));
        }
        var household = households[index];
        household.Members.TryAdd(person.Profile.PsnNo, person);
        households[index] = household with { Count = household.Count + 1 };
        return index;
    }

    private static int OnlyYear(IReadOnlyList<List<ReplaySettlement>> blocks)
    {
        var years = new HashSet<int>();
        foreach (var block in blocks)
        {
            foreach (var settlement in block)
            {
                years.Add(settlement.Claim.Date.Year);
            }
        }
        return years.Count switch
        {
            0 => throw new UsageException("no settlement to replay: the source holds none the ledger would accept"),
            1 => years.Single(),
            _ => throw new UsageException($"the settlements fall in {string.Join(", ", years.Order())}: choose one year with --year"),
        };
    }
}
