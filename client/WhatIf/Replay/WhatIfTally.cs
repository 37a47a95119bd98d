using Ledger.Client.WhatIf.Input;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;

namespace Ledger.Client.WhatIf.Replay;

/// <summary>
/// Everything the report compares, added up household by household. Each worker fills its own tally
/// and the tallies are merged; sums are exact decimals and lists are sorted at the end, so the result
/// does not depend on which worker ran which household.
/// </summary>
public sealed class WhatIfTally
{
    /// <summary>Persons listed with their settlements, by the size of their self-pay change.</summary>
    public const int LargestChangesMax = 20;

    public long Households { get; private set; }

    public long Persons { get; private set; }

    public long Settlements { get; private set; }

    public TotalsPair Totals { get; } = new();

    /// <summary>By the person's city (the first four digits of the region code).</summary>
    public Dictionary<string, TotalsPair> ByCity { get; } = new(StringComparer.Ordinal);

    /// <summary>By the identities the settling member held on the settlement's date (a set: one settlement, one row).</summary>
    public Dictionary<Identities, TotalsPair> ByIdentities { get; } = [];

    /// <summary>Settlements the ledger refused under each policy (none in force, say), by reason.</summary>
    public SortedDictionary<string, Pair<long>> Refused { get; } = new(StringComparer.Ordinal);

    public RuleTally[] Rules { get; } = Enumerable.Range(0, RuleCodes.Count).Select(rule => new RuleTally((Rule)rule)).ToArray();

    /// <summary>Households in which the household burden cap bound at least once, and persons whose individual cap did.</summary>
    public Pair<long> HouseholdsCapped;

    public Pair<long> PersonsCapped;

    public SelfPayHistogram Histogram { get; } = new();

    public List<PersonChange> LargestChanges { get; } = [];

    public void AddHousehold(ReplayHousehold household, HouseholdRun before, HouseholdRun after, PolicyLookup beforePolicies, PolicyLookup afterPolicies)
    {
        Households++;
        Settlements += household.Settlements.Length;
        AddSettlements(household, before, after);
        var readings = new Lazy<RuleReader>(() => new RuleReader(household, before, after, beforePolicies, afterPolicies), LazyThreadSafetyMode.None);
        foreach (var member in household.Members)
        {
            var (personBefore, personAfter) = (before.PersonYear(member.PsnNo), after.PersonYear(member.PsnNo));
            Persons++;
            Totals.Add(personBefore.Totals, personAfter.Totals);
            City(member.RegionCode).Add(personBefore.Totals, personAfter.Totals);
            Histogram.Add(personBefore.Totals.SelfPay, personAfter.Totals.SelfPay);
            AddFlags(member.PsnNo, member.RegionCode, personBefore.Flags, personAfter.Flags, household: false, readings);
            OfferLargest(household, member, personBefore.Totals, personAfter.Totals, before, after);
        }
        AddFlags(household.HouseholdId, household.Members[0].RegionCode, before.HouseholdYear.Flags, after.HouseholdYear.Flags, household: true, readings);
    }

    private void AddSettlements(ReplayHousehold household, HouseholdRun before, HouseholdRun after)
    {
        var capped = new Pair<bool>();
        HashSet<(bool After, string PsnNo)>? cappedPersons = null;
        for (var i = 0; i < household.Settlements.Length; i++)
        {
            var (first, second) = (before.Outcomes[i], after.Outcomes[i]);
            var identities = first.Recorded ? first.Identities : second.Identities;
            if (!ByIdentities.TryGetValue(identities, out var group))
            {
                ByIdentities[identities] = group = new TotalsPair();
            }
            group.Add(first.Split, second.Split);
            CountRefusal(first.Refusal, second.Refusal);
            capped = new(capped.Before || first.CapBinding == CapBinding.Household, capped.After || second.CapBinding == CapBinding.Household);
            if (first.CapBinding == CapBinding.Individual)
            {
                (cappedPersons ??= []).Add((false, household.Settlements[i].PsnNo));
            }
            if (second.CapBinding == CapBinding.Individual)
            {
                (cappedPersons ??= []).Add((true, household.Settlements[i].PsnNo));
            }
        }
        HouseholdsCapped = new(HouseholdsCapped.Before + (capped.Before ? 1 : 0), HouseholdsCapped.After + (capped.After ? 1 : 0));
        var cappedAfter = cappedPersons?.Count(person => person.After) ?? 0;
        PersonsCapped = new(PersonsCapped.Before + (cappedPersons?.Count ?? 0) - cappedAfter, PersonsCapped.After + cappedAfter);
    }

    private void CountRefusal(string? before, string? after)
    {
        if (before is null && after is null)
        {
            return;
        }
        foreach (var (reason, isAfter) in new[] { (before, false), (after, true) })
        {
            if (reason is not null)
            {
                var counts = Refused.GetValueOrDefault(reason);
                Refused[reason] = isAfter ? counts with { After = counts.After + 1 } : counts with { Before = counts.Before + 1 };
            }
        }
    }

    private void AddFlags(string subjectId, string regionCode, ThresholdFlags before, ThresholdFlags after, bool household, Lazy<RuleReader> readings)
    {
        foreach (var tally in Rules.Where(tally => tally.HouseholdSubject == household))
        {
            var (was, now) = (before.Has(tally.Rule, Level.Crossed), after.Has(tally.Rule, Level.Crossed));
            tally.Before += was ? 1 : 0;
            tally.After += now ? 1 : 0;
            if (was != now)
            {
                var (readingBefore, readingAfter) = readings.Value.Read(tally.Rule, household ? null : subjectId);
                (now ? tally.Newly : tally.NoLonger).Add(new CrossingChange(subjectId, regionCode, readingBefore, readingAfter));
            }
        }
    }

    private void OfferLargest(ReplayHousehold household, MemberProfile member, in YearTotals before, in YearTotals after, HouseholdRun runBefore, HouseholdRun runAfter)
    {
        var change = Math.Abs(after.SelfPay - before.SelfPay);
        if (change == 0m || (LargestChanges.Count == LargestChangesMax
            && (change < Math.Abs(LargestChanges[^1].SelfPayChange)
                || (change == Math.Abs(LargestChanges[^1].SelfPayChange) && string.CompareOrdinal(member.PsnNo, LargestChanges[^1].PsnNo) > 0))))
        {
            return;
        }
        var settlements = new List<SettlementChange>();
        for (var i = 0; i < household.Settlements.Length; i++)
        {
            var settlement = household.Settlements[i];
            if (settlement.PsnNo == member.PsnNo)
            {
                settlements.Add(new SettlementChange(settlement.Key.SetlId, settlement.Key.SetlTime, settlement.Claim.MedicalType,
                    settlement.Claim.HospitalLevel, runBefore.Outcomes[i], runAfter.Outcomes[i]));
            }
        }
        Insert(new PersonChange(member.PsnNo, household.HouseholdId, member.RegionCode, before, after, settlements));
    }

    private void Insert(PersonChange person)
    {
        var index = LargestChanges.BinarySearch(person, Comparer<PersonChange>.Create(PersonChange.ByLargestChange));
        LargestChanges.Insert(index < 0 ? ~index : index, person);
        if (LargestChanges.Count > LargestChangesMax)
        {
            LargestChanges.RemoveAt(LargestChanges.Count - 1);
        }
    }

    private TotalsPair City(string regionCode)
    {
        var city = regionCode.Length >= 4 ? regionCode[..4] : regionCode;
        if (!ByCity.TryGetValue(city, out var totals))
        {
            ByCity[city] = totals = new TotalsPair();
        }
        return totals;
    }

    /// <summary>Adds another worker's tally into this one.</summary>
    public void Add(WhatIfTally other)
    {
        Households += other.Households;
        Persons += other.Persons;
        Settlements += other.Settlements;
        Totals.Add(other.Totals);
        foreach (var (city, totals) in other.ByCity)
        {
            City(city).Add(totals);
        }
        foreach (var (identities, totals) in other.ByIdentities)
        {
            if (!ByIdentities.TryGetValue(identities, out var group))
            {
                ByIdentities[identities] = group = new TotalsPair();
            }
            group.Add(totals);
        }
        foreach (var (reason, counts) in other.Refused)
        {
            var mine = Refused.GetValueOrDefault(reason);
            Refused[reason] = new(mine.Before + counts.Before, mine.After + counts.After);
        }
        for (var i = 0; i < Rules.Length; i++)
        {
            Rules[i].Add(other.Rules[i]);
        }
        HouseholdsCapped = new(HouseholdsCapped.Before + other.HouseholdsCapped.Before, HouseholdsCapped.After + other.HouseholdsCapped.After);
        PersonsCapped = new(PersonsCapped.Before + other.PersonsCapped.Before, PersonsCapped.After + other.PersonsCapped.After);
        Histogram.Add(other.Histogram);
        foreach (var person in other.LargestChanges)
        {
            Insert(person);
        }
    }

    /// <summary>Puts every list in its final order once all households are in.</summary>
    public void Complete()
    {
        foreach (var rule in Rules)
        {
            rule.Sort();
        }
    }
}
