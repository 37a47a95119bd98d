using Ledger.Client.Cli;

namespace Ledger.Client.WhatIf.Input;

/// <summary>
/// Turns the settlements a source read (blocks in file order) into household-years: the year chosen,
/// every setl_id once (the first in file order wins, as the ledger answers a resend as a duplicate),
/// each settlement in its person's household, each household's settlements in settlement-time order.
/// A region's year is millions of settlements, so each step runs over blocks or households in parallel,
/// and settlements are named by position ((block &lt;&lt; 32) | line), never copied into objects.
/// </summary>
internal static class HouseholdAssembler
{
    private const int Unknown = -1;
    private const int OtherYear = -2;
    private const int Duplicate = -3;

    /// <summary>Partitions of the setl_id check: each holds every occurrence of its ids, so each decides "first" alone.</summary>
    private const int DuplicateShards = 64;

    public static ReplayInput Assemble(int? year, IReadOnlyList<SettlementBlock> blocks, PersonTable persons, InputTally tally)
    {
        var chosen = year ?? OnlyYear(blocks);
        var householdIds = Enumerable.Range(0, persons.Count).Select(person => persons[person].HouseholdId).Distinct().Order(StringComparer.Ordinal).ToArray();
        var householdIndex = householdIds.Select((id, index) => (id, index)).ToDictionary(entry => entry.id, entry => entry.index, StringComparer.Ordinal);
        var householdOf = Enumerable.Range(0, persons.Count).Select(person => householdIndex[persons[person].HouseholdId]).ToArray();
        var targets = new int[blocks.Count][];
        Parallel.For(0, blocks.Count, b =>
        {
            var block = blocks[b];
            block.Trim();
            var target = targets[b] = new int[block.Count];
            for (var i = 0; i < block.Count; i++)
            {
                ref readonly var settlement = ref block[i];
                target[i] = settlement.Date.Year != chosen ? OtherYear
                    : settlement.Person >= 0 ? householdOf[settlement.Person]
                    : Unknown;
            }
        });
        MarkDuplicates(blocks, targets);
        var counts = new int[householdIds.Length];
        Count(targets, counts, tally, chosen);
        var kept = Enumerable.Range(0, householdIds.Length).Where(index => counts[index] > 0).ToArray();
        if (kept.Length == 0)
        {
            // As OnlyYear answers a source without settlements: a year with nothing to replay is a mistake in the command line, not an empty report.
            throw new UsageException($"no settlement of {chosen} to replay: the source holds none of that year the ledger would accept");
        }
        var slot = new int[householdIds.Length];
        var starts = new int[kept.Length + 1];
        for (var i = 0; i < kept.Length; i++)
        {
            slot[kept[i]] = starts[i];
            starts[i + 1] = starts[i] + counts[kept[i]];
        }
        var order = new long[starts[^1]];
        for (var b = 0; b < blocks.Count; b++)
        {
            for (var i = 0; i < targets[b].Length; i++)
            {
                if (targets[b][i] is var index and >= 0)
                {
                    order[slot[index]++] = ((long)b << 32) | (uint)i;
                }
            }
        }
        var inTimeOrder = new SettlementOrder(blocks);
        // setl_ids are unique now, so the order is total and the sort's result does not depend on the input order.
        Parallel.For(0, kept.Length, i => Array.Sort(order, starts[i], starts[i + 1] - starts[i], inTimeOrder));
        return new ReplayInput(chosen, blocks, persons, [.. kept.Select(index => householdIds[index])], order, starts, tally);
    }

    /// <summary>Marks every occurrence of a setl_id after its first in file order, shard by shard in parallel.</summary>
    private static void MarkDuplicates(IReadOnlyList<SettlementBlock> blocks, int[][] targets)
    {
        var shards = new List<long>[blocks.Count][];
        Parallel.For(0, blocks.Count, b =>
        {
            var mine = shards[b] = new List<long>[DuplicateShards];
            for (var i = 0; i < blocks[b].Count; i++)
            {
                var shard = (int)((uint)SetlIdBytes.Hash(blocks[b].SetlId(i)) % DuplicateShards);
                (mine[shard] ??= []).Add(((long)b << 32) | (uint)i);
            }
        });
        var sameId = new SameSetlId(blocks);
        Parallel.For(0, DuplicateShards, shard =>
        {
            var seen = new HashSet<long>(sameId);
            foreach (var block in shards)
            {
                foreach (var at in block[shard] ?? [])
                {
                    if (!seen.Add(at))
                    {
                        targets[(int)(at >> 32)][(int)at] = Duplicate;
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

    private static int OnlyYear(IReadOnlyList<SettlementBlock> blocks)
    {
        var years = blocks.AsParallel().SelectMany(block => Enumerable.Range(0, block.Count).Select(i => block[i].Date.Year).Distinct().ToList()).Distinct().Order().ToList();
        return years.Count switch
        {
            0 => throw new UsageException("no settlement to replay: the source holds none the ledger would accept"),
            1 => years[0],
            _ => throw new UsageException($"the settlements fall in {string.Join(", ", years)}: choose one year with --year"),
        };
    }

    /// <summary>Settlements by position, equal when their setl_ids are.</summary>
    private sealed class SameSetlId(IReadOnlyList<SettlementBlock> blocks) : IEqualityComparer<long>
    {
        public bool Equals(long x, long y) => Id(x).SequenceEqual(Id(y));

        public int GetHashCode(long at) => SetlIdBytes.Hash(Id(at));

        private ReadOnlySpan<byte> Id(long at) => blocks[(int)(at >> 32)].SetlId((int)at);
    }

    /// <summary>Settlements by position in the ledger's order: settlement time, then setl_id (ordinal).</summary>
    private sealed class SettlementOrder(IReadOnlyList<SettlementBlock> blocks) : IComparer<long>
    {
        public int Compare(long x, long y)
        {
            var (left, right) = (blocks[(int)(x >> 32)], blocks[(int)(y >> 32)]);
            var byTime = left[(int)x].SetlTime.CompareTo(right[(int)y].SetlTime);
            return byTime != 0 ? byTime : SetlIdBytes.CompareOrdinal(left.SetlId((int)x), right.SetlId((int)y));
        }
    }
}
