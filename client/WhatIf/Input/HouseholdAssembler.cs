using Ledger.Client.Cli;

namespace Ledger.Client.WhatIf.Input;

/// <summary>
/// Turns the settlements a source read (blocks in file order) into household-years: the year chosen,
/// every setl_id once (the first in file order wins, as the ledger answers a resend as a duplicate),
/// each settlement in its person's household, each household's settlements in settlement-time order.
/// A region's year is millions of settlements, so each step runs over blocks or households in parallel.
/// </summary>
internal static class HouseholdAssembler
{
    private const int Unknown = -1;
    private const int OtherYear = -2;
    private const int Duplicate = -3;

    /// <summary>Partitions of the setl_id check: each holds every occurrence of its ids, so each decides "first" alone.</summary>
    private const int DuplicateShards = 64;

    public static ReplayInput Assemble(int? year, IReadOnlyList<List<ReplaySettlement>> blocks, IReadOnlyDictionary<string, PersonRecord> persons, InputTally tally)
    {
        var chosen = year ?? OnlyYear(blocks);
        var householdIds = persons.Values.Select(person => person.HouseholdId).Distinct().Order(StringComparer.Ordinal).ToArray();
        var householdIndex = householdIds.Select((id, index) => (id, index)).ToDictionary(entry => entry.id, entry => entry.index, StringComparer.Ordinal);
        var targets = new int[blocks.Count][];
        Parallel.For(0, blocks.Count, b =>
        {
            var block = blocks[b];
            var target = targets[b] = new int[block.Count];
            for (var i = 0; i < block.Count; i++)
            {
                var settlement = block[i];
                target[i] = settlement.Claim.Date.Year != chosen ? OtherYear
                    : persons.TryGetValue(settlement.PsnNo, out var person) ? householdIndex[person.HouseholdId]
                    : Unknown;
            }
        });
        MarkDuplicates(blocks, targets);
        var counts = new int[householdIds.Length];
        Count(targets, counts, tally, chosen);
        var arrays = counts.Select(count => count == 0 ? [] : new ReplaySettlement[count]).ToArray();
        var filled = new int[arrays.Length];
        for (var b = 0; b < blocks.Count; b++)
        {
            for (var i = 0; i < targets[b].Length; i++)
            {
                if (targets[b][i] is var index and >= 0)
                {
                    arrays[index][filled[index]++] = blocks[b][i];
                }
            }
            // The households hold the settlements now; the block's list can go.
            blocks[b].Clear();
            blocks[b].TrimExcess();
        }
        var withSettlements = Enumerable.Range(0, arrays.Length).Where(index => arrays[index].Length > 0).ToArray();
        var assembled = new ReplayHousehold[withSettlements.Length];
        Parallel.For(0, withSettlements.Length, i =>
        {
            var settlements = arrays[withSettlements[i]];
            // setl_ids are unique now, so the order is total and the sort's result does not depend on the input order.
            Array.Sort(settlements, (a, b) => a.Key.CompareTo(b.Key));
            var members = settlements.Select(settlement => settlement.PsnNo).Distinct().Order(StringComparer.Ordinal)
                .Select(psnNo => persons[psnNo].Profile).ToArray();
            assembled[i] = new ReplayHousehold(householdIds[withSettlements[i]], members, settlements);
        });
        return new ReplayInput(chosen, assembled, tally);
    }

    /// <summary>Marks every occurrence of a setl_id after its first in file order, shard by shard in parallel.</summary>
    private static void MarkDuplicates(IReadOnlyList<List<ReplaySettlement>> blocks, int[][] targets)
    {
        var shards = new List<(int Block, int Line)>[blocks.Count][];
        Parallel.For(0, blocks.Count, b =>
        {
            var mine = shards[b] = new List<(int, int)>[DuplicateShards];
            for (var i = 0; i < blocks[b].Count; i++)
            {
                var shard = (int)((uint)blocks[b][i].Key.SetlId.GetHashCode() % DuplicateShards);
                (mine[shard] ??= []).Add((b, i));
            }
        });
        Parallel.For(0, DuplicateShards, shard =>
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var block in shards)
            {
                foreach (var (b, i) in block[shard] ?? [])
                {
                    if (!seen.Add(blocks[b][i].Key.SetlId))
                    {
                        targets[b][i] = Duplicate;
                    }
                }
            }
        });
    }

    private static void Count(int[][] targets, int[] counts, InputTally tally, int year)
    {
        var (unknown, otherYear, duplicate) = (0L, 0L, 0L);
        foreach (var target in targets)
        {
            foreach (var index in target)
            {
                switch (index)
                {
                    case >= 0: counts[index]++; break;
                    case Unknown: unknown++; break;
                    case OtherYear: otherYear++; break;
                    default: duplicate++; break;
                }
            }
        }
        tally.Skip("settlements: setl_id seen before (the first one counts)", duplicate);
        tally.Skip($"settlements: not of {year}", otherYear);
        tally.Skip("settlements: psn_no: not registered in the persons file", unknown);
    }

    private static int OnlyYear(IReadOnlyList<List<ReplaySettlement>> blocks)
    {
        var years = blocks.AsParallel().SelectMany(block => block.Select(settlement => settlement.Claim.Date.Year).Distinct().ToList()).Distinct().Order().ToList();
        return years.Count switch
        {
            0 => throw new UsageException("no settlement to replay: the source holds none the ledger would accept"),
            1 => years[0],
            _ => throw new UsageException($"the settlements fall in {string.Join(", ", years)}: choose one year with --year"),
        };
    }
}
