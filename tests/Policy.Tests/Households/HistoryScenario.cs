using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;
using Ledger.Policy.Tests.Properties;
using Ledger.Shared;

namespace Ledger.Policy.Tests.Households;

/// <summary>
/// A random household-year whose history changes: members with dated identities, settlements sent in
/// any order, some reversed, some identities replaced, some with a move; some settlements referred, treated
/// outside the region, or with other payers' share reported. Built from a seed, so a failure is reproducible.
/// </summary>
internal sealed record HistoryScenario(string RegionCode, int Year, MemberProfile[] Members, HistoryStep[] Steps)
{
    private static readonly Identities[] IdentityChoices = Enum.GetValues<Identities>().Where(identity => identity != Identities.None).ToArray();

    public static HistoryScenario From(int seed)
    {
        var random = new Random(seed);
        var compiled = Scenario.Catalogue.Policies[random.Next(Scenario.Catalogue.Policies.Count)];
        var year = compiled.From.Year + random.Next(0, Math.Max(1, Math.Min(compiled.Until.Year, compiled.From.Year + 2) - compiled.From.Year + 1));
        var region = compiled.RegionPrefixes[0].PadRight(6, '1');
        var members = Enumerable.Range(0, 1 + random.Next(3))
            .Select(index => Profile(random, $"P{index}", region, year)).ToArray();
        var settlements = Enumerable.Range(0, 1 + random.Next(10)).Select(index => new HistoryStep.Settle(
            members[random.Next(members.Length)].PsnNo, new SettlementKey(Time(random, year), $"S{index:00}"), RandomClaim(random, year))).ToList();
        var steps = new List<HistoryStep>();
        foreach (var settlement in settlements.OrderBy(_ => random.Next()))
        {
            steps.Add(settlement);
            if (random.Next(5) == 0)
            {
                var settled = steps.OfType<HistoryStep.Settle>().ToList();
                var reversed = settled[random.Next(settled.Count)];
                steps.Add(new HistoryStep.Reverse(reversed.PsnNo, reversed.Key.SetlId));
            }
            if (random.Next(6) == 0)
            {
                // A registration naming another household moves the member: it leaves and comes back with the new profile.
                var profile = Profile(random, members[random.Next(members.Length)].PsnNo, region, year);
                steps.Add(random.Next(2) == 0 ? new HistoryStep.Register(profile) : new HistoryStep.Move(profile));
            }
        }
        return new HistoryScenario(region, year, members, [.. steps]);
    }

    private static MemberProfile Profile(Random random, string psnNo, string region, int year)
    {
        var periods = Enumerable.Range(0, random.Next(3)).Select(_ =>
        {
            var begin = new DateOnly(year - 1, 1, 1).AddDays(random.Next(700));
            DateOnly? end = random.Next(2) == 0 ? null : begin.AddDays(random.Next(400));
            return new IdentityPeriod(IdentityChoices[random.Next(IdentityChoices.Length)], begin, end);
        }).ToArray();
        return new MemberProfile(psnNo, region, random.Next(4) == 0 ? Residence.Urban : Residence.Rural, periods);
    }

    private static DateTimeOffset Time(Random random, int year) =>
        new DateTimeOffset(year, 1, 1, 8, 0, 0, ChinaTime.Offset).AddDays(random.Next(365)).AddMinutes(random.Next(3) * 30);

    private static Claim RandomClaim(Random random, int year)
    {
        var type = (MedicalType)random.Next(3);
        var scale = type == MedicalType.Inpatient ? 200_000 : 5_000;
        var total = decimal.Round((decimal)(random.NextDouble() * random.NextDouble() * scale), 2);
        var scope = random.Next(10) == 0 ? 0m : decimal.Round(total * (decimal)random.NextDouble(), 2);
        // The date is fixed when the settlement is sent (its key); the claim carries the same day.
        var claim = new Claim(default, type, 1 + random.Next(3), total, scope, total - scope,
            // Other payers' share of what lies outside the scope, which no tier pays: it always fits, in any order.
            OtherPaid: random.Next(8) == 0 ? decimal.Round((total - scope) * (decimal)random.NextDouble(), 2) : null,
            Referral: type == MedicalType.Inpatient && random.Next(4) == 0,
            HospitalRegion: random.Next(4) switch { 0 => "510107", 1 => "350102", _ => null });
        if (random.Next(6) != 0)
        {
            return claim;
        }
        var basic = decimal.Round(scope * 0.5m, 2);
        return claim with { PrepaidBasic = basic, PrepaidCritical = decimal.Round((scope - basic) * 0.3m, 2) };
    }
}

internal abstract record HistoryStep
{
    public sealed record Settle(string PsnNo, SettlementKey Key, Claim Claim) : HistoryStep
    {
        public Claim Dated => Claim with { Date = ChinaTime.Date(Key.SetlTime) };
    }

    public sealed record Reverse(string PsnNo, string SetlId) : HistoryStep;

    public sealed record Register(MemberProfile Profile) : HistoryStep;

    public sealed record Move(MemberProfile Profile) : HistoryStep;
}
