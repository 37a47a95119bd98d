namespace Ledger.Silo.Projections;

/// <summary>
/// The embedded store's KPI state, kept indexed so that a query costs what the region and year asked for
/// hold: the sums per region code, year and population; which members of which households have a
/// settlement counted in a population (by year and region code); each household-year's caps and burden,
/// and each member's burden by household-year. The store calls it under its lock.
/// </summary>
internal sealed class InMemoryKpis
{
    private readonly Dictionary<string, KpiSettlement> _settlements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _personSettlements = new(StringComparer.Ordinal);
    private readonly Dictionary<(string RegionCode, int Year, string Population), KpiTotals> _sums = [];
    private readonly Dictionary<(int Year, string RegionCode), Dictionary<string, int>> _populationHouseholds = [];
    private readonly Dictionary<(string HouseholdId, int Year), Dictionary<string, int>> _populationMembers = [];
    private readonly Dictionary<(string HouseholdId, int Year), HouseholdYear> _householdYears = [];
    private readonly Dictionary<(string HouseholdId, int Year), Dictionary<string, Burden>> _memberBurdens = [];

    public void Apply(SettlementKpiAdded added)
    {
        var stored = _settlements.GetValueOrDefault(added.SetlId);
        if (stored is null)
        {
            Bucket(_personSettlements, added.PsnNo).Add(added.SetlId);
        }
        Move(stored, KpiSettlement.Apply(stored, added), added.SetlId);
    }

    /// <summary>The person's standing settlements in the region from the change on move to the population their date now has.</summary>
    public void Apply(PersonReclassified reclassified)
    {
        foreach (var setlId in _personSettlements.GetValueOrDefault(reclassified.PsnNo) ?? [])
        {
            var stored = _settlements[setlId];
            if (stored.SettlementCount > 0 && stored.RegionCode == reclassified.RegionCode && stored.SetlTime >= reclassified.From)
            {
                Move(stored, stored with { Population = reclassified.PopulationAt(stored.SetlTime) }, setlId);
            }
        }
    }

    /// <summary>The mover's settlements of the years the move reaches are counted in the household joined.</summary>
    public void Apply(MemberJoined joined)
    {
        foreach (var setlId in _personSettlements.GetValueOrDefault(joined.PsnNo) ?? [])
        {
            var stored = _settlements[setlId];
            if (stored.Year >= joined.FromYear && stored.HouseholdId != joined.HouseholdId)
            {
                Move(stored, stored with { HouseholdId = joined.HouseholdId }, setlId);
            }
        }
    }

    private void Move(KpiSettlement? stored, KpiSettlement now, string setlId)
    {
        Count(stored, -1);
        _settlements[setlId] = now;
        Count(now, +1);
    }

    public void Apply(HouseholdYearAdded added)
    {
        var key = (added.HouseholdId, added.Year);
        var year = _householdYears.GetValueOrDefault(key);
        _householdYears[key] = new HouseholdYear(year.SelfPay + added.SelfPay, year.WarmFund + added.WarmFund, added.IndividualCap, added.HouseholdCap);
    }

    /// <summary>
    /// A mover's burden of a month leaves the household-year it was counted in for the one it joined, which takes
    /// the caps it was counted under if it has none of its own yet.
    /// </summary>
    public void HouseholdMoved(string fromHouseholdId, string toHouseholdId, int year, decimal selfPay, decimal warmFund)
    {
        var left = _householdYears.GetValueOrDefault((fromHouseholdId, year));
        _householdYears[(fromHouseholdId, year)] = left with { SelfPay = left.SelfPay - selfPay, WarmFund = left.WarmFund - warmFund };
        _householdYears[(toHouseholdId, year)] = _householdYears.TryGetValue((toHouseholdId, year), out var joined)
            ? joined with { SelfPay = joined.SelfPay + selfPay, WarmFund = joined.WarmFund + warmFund }
            : left with { SelfPay = selfPay, WarmFund = warmFund };
    }

    /// <summary>A member's burden in a household-year moved (a person-month's sums, or the household it is counted in, changed).</summary>
    public void MemberMoved(string householdId, int year, string psnNo, decimal selfPay, decimal warmFund)
    {
        if (selfPay == 0m && warmFund == 0m)
        {
            return;
        }
        var members = Bucket(_memberBurdens, (householdId, year));
        var burden = members.GetValueOrDefault(psnNo);
        members[psnNo] = new Burden(burden.SelfPay + selfPay, burden.WarmFund + warmFund);
    }

    public KpiSums Query(string regionPrefix, int year)
    {
        var sums = _sums.Where(pair => pair.Key.Year == year && pair.Key.RegionCode.StartsWith(regionPrefix, StringComparison.Ordinal)).ToList();
        var households = _populationHouseholds.Where(pair => pair.Key.Year == year && pair.Key.RegionCode.StartsWith(regionPrefix, StringComparison.Ordinal))
            .SelectMany(pair => pair.Value.Keys).ToHashSet(StringComparer.Ordinal);
        var (highCost, cleared) = (0L, 0L);
        foreach (var householdId in households)
        {
            if (_householdYears.GetValueOrDefault((householdId, year)) is not { HouseholdCap: { } householdCap } household)
            {
                continue;
            }
            var burdens = _memberBurdens.GetValueOrDefault((householdId, year));
            var members = _populationMembers[(householdId, year)].Keys.Select(psnNo => burdens?.GetValueOrDefault(psnNo) ?? default).ToList();
            if (household.SelfPay + household.WarmFund > householdCap || members.Any(member => member.SelfPay + member.WarmFund > household.IndividualCap))
            {
                highCost++;
                cleared += household.SelfPay <= householdCap && members.All(member => member.SelfPay <= household.IndividualCap) ? 1 : 0;
            }
        }
        return new KpiSums([.. sums.Where(pair => pair.Value.SettlementCount > 0).Select(pair => pair.Key.Population).Distinct().Order(StringComparer.Ordinal)],
            sums.Sum(pair => pair.Value.SettlementCount), sums.Sum(pair => pair.Value.MedfeeSumamt), sums.Sum(pair => pair.Value.FundPaySumamt),
            sums.Sum(pair => pair.Value.PsnPartAmt), highCost, cleared);
    }

    private void Count(KpiSettlement? settlement, int sign)
    {
        if (settlement?.Population is not { } population)
        {
            return;
        }
        var key = (settlement.RegionCode, settlement.Year, population);
        _sums[key] = _sums.GetValueOrDefault(key).Plus(settlement, sign);
        if (settlement.Counts)
        {
            Tally(Bucket(_populationHouseholds, (settlement.Year, settlement.RegionCode)), settlement.HouseholdId, sign);
            Tally(Bucket(_populationMembers, (settlement.HouseholdId, settlement.Year)), settlement.PsnNo, sign);
        }
    }

    private static void Tally(Dictionary<string, int> counts, string key, int by)
    {
        var count = counts.GetValueOrDefault(key) + by;
        if (count == 0)
        {
            counts.Remove(key);
        }
        else
        {
            counts[key] = count;
        }
    }

    private static Dictionary<string, TValue> Bucket<TKey, TValue>(Dictionary<TKey, Dictionary<string, TValue>> buckets, TKey key) where TKey : notnull =>
        buckets.TryGetValue(key, out var found) ? found : buckets[key] = new Dictionary<string, TValue>(StringComparer.Ordinal);

    private static List<string> Bucket(Dictionary<string, List<string>> buckets, string key) =>
        buckets.TryGetValue(key, out var found) ? found : buckets[key] = [];

    private readonly record struct KpiTotals(long SettlementCount, decimal MedfeeSumamt, decimal FundPaySumamt, decimal PsnPartAmt)
    {
        public KpiTotals Plus(KpiSettlement settlement, int sign) => new(SettlementCount + sign * settlement.SettlementCount,
            MedfeeSumamt + sign * settlement.MedfeeSumamt, FundPaySumamt + sign * settlement.FundPaySumamt, PsnPartAmt + sign * settlement.PsnPartAmt);
    }

    private readonly record struct HouseholdYear(decimal SelfPay, decimal WarmFund, decimal? IndividualCap, decimal? HouseholdCap);

    /// <summary>A year burden after the warm fund (<see cref="SelfPay"/>) and the fund's payment: the burden before it is their sum.</summary>
    private readonly record struct Burden(decimal SelfPay, decimal WarmFund);
}
