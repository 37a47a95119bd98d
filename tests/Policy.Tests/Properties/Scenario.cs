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
        var first = compiled.From;
        var year = first.Year + random.Next(0, Math.Max(1, Math.Min(compiled.Until.Year, first.Year + 3) - first.Year + 1));
        var region = compiled.RegionPrefixes[0].PadRight(6, '1');
        var members = Enumerable.Range(0, 1 + random.Next(4)).Select(_ => new MemberContext(RandomIdentities(random),
            random.Next(4) == 0 ? Residence.Urban : Residence.Rural)).ToArray();
        var claims = Enumerable.Range(0, 1 + random.Next(12)).Select(_ => (random.Next(members.Length), RandomClaim(random, year))).ToArray();
        var policy = Catalogue.Find(region, claims[0].Item2.Date) ?? Catalogue.Find(region, compiled.From)!;
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

    private static Claim RandomClaim(Random random, int year)
    {
        var type = (MedicalType)random.Next(3);
        var scale = type == MedicalType.Inpatient ? 300_000 : 5_000;
        var total = decimal.Round((decimal)(random.NextDouble() * random.NextDouble() * scale), 2);
        var scope = random.Next(10) == 0 ? 0m : decimal.Round(total * (decimal)random.NextDouble(), 2);
        var date = new DateOnly(year, 1 + random.Next(12), 1 + random.Next(28));
        if (random.Next(6) != 0)
        {
            return new Claim(date, type, 1 + random.Next(3), total, scope, total - scope);
        }
        var basic = decimal.Round(scope * 0.5m, 2);
        var critical = decimal.Round((scope - basic) * 0.3m, 2);
        return new Claim(date, type, 1 + random.Next(3), total, scope, total - scope, PrepaidBasic: basic, PrepaidCritical: critical);
    }
}
