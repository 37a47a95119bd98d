using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Loading;
using Ledger.Policy.Model;

namespace Ledger.Policy.Tests.Properties;

/// <summary>
/// A random household's year under one shipped policy: members with random identities and a random
/// sequence of claims. Built from a seed FsCheck chooses, so a failing case is reproducible by its seed.
/// </summary>
internal sealed record Scenario(PolicyVersion Policy, MemberContext[] Members, (int Member, Claim Claim)[] Claims)
{
    public static readonly PolicyCatalogue Catalogue = PolicyLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "policies"));

    private static readonly Identities[] IdentityChoices = Enum.GetValues<Identities>().Where(identity => identity != Identities.None).ToArray();

    public static Scenario From(int seed)
    {
        var random = new Random(seed);
        var compiled = Catalogue.Policies[random.Next(Catalogue.Policies.Count)];
        var region = compiled.Regions[random.Next(compiled.Regions.Length)];
        // One version's days within one year: the claims of a household-year under one set of numbers.
        var policy = region.Versions[random.Next(region.Versions.Length)];
        var last = new DateOnly(policy.From.Year, 12, 31) < policy.Until ? new DateOnly(policy.From.Year, 12, 31) : policy.Until;
        var members = Enumerable.Range(0, 1 + random.Next(4)).Select(_ => new MemberContext(RandomIdentities(random),
            random.Next(4) == 0 ? Residence.Urban : Residence.Rural)).ToArray();
        var claims = Enumerable.Range(0, 1 + random.Next(12))
            .Select(_ => (random.Next(members.Length), RandomClaim(random, policy.From, last))).ToArray();
        return new Scenario(policy, members, claims);
    }

    private static Identities RandomIdentities(Random random)
    {
        var set = Identities.None;
        for (var i = random.Next(3); i > 0; i--)
        {
            set |= IdentityChoices[random.Next(IdentityChoices.Length)];
        }
        return set;
    }

    private static Claim RandomClaim(Random random, DateOnly first, DateOnly last)
    {
        var type = (MedicalType)random.Next(3);
        var scale = type == MedicalType.Inpatient ? 300_000 : 5_000;
        var total = decimal.Round((decimal)(random.NextDouble() * random.NextDouble() * scale), 2);
        var scope = random.Next(10) == 0 ? 0m : decimal.Round(total * (decimal)random.NextDouble(), 2);
        var date = first.AddDays(random.Next(last.DayNumber - first.DayNumber + 1));
        var referral = random.Next(5) == 0;
        var hospital = random.Next(3) switch { 0 => null, 1 => "350102", _ => "513401" };
        var others = random.Next(5) == 0 ? decimal.Round((total - scope) * (decimal)random.NextDouble(), 2) : (decimal?)null;
        if (random.Next(6) != 0)
        {
            return new Claim(date, type, 1 + random.Next(3), total, scope, total - scope, OtherPaid: others, Referral: referral, HospitalRegion: hospital);
        }
        var basic = decimal.Round(scope * 0.5m, 2);
        var critical = decimal.Round((scope - basic) * 0.3m, 2);
        var assistance = random.Next(2) == 0 ? decimal.Round((scope - basic - critical) * 0.2m, 2) : (decimal?)null;
        return new Claim(date, type, 1 + random.Next(3), total, scope, total - scope, PrepaidBasic: basic, PrepaidCritical: critical,
            PrepaidAssistance: assistance, OtherPaid: others, Referral: referral, HospitalRegion: hospital);
    }
}
