using Ledger.Policy.Model;

namespace Ledger.Policy.Loading;

/// <summary>
/// Every policy, immutable after start-up. A settlement is governed by the policy in force on its
/// date whose region prefix is the longest match for the person's region code.
/// </summary>
public sealed class PolicyCatalogue
{
    private readonly (string Prefix, CompiledPolicy Policy)[] _byPrefix;

    internal PolicyCatalogue(IReadOnlyList<CompiledPolicy> policies)
    {
        Policies = policies;
        _byPrefix = policies.SelectMany(policy => policy.RegionPrefixes.Select(prefix => (prefix, policy)))
            .OrderByDescending(entry => entry.prefix.Length).ToArray();
    }

    public IReadOnlyList<CompiledPolicy> Policies { get; }

    /// <summary>The policy version for a region and date, or null when none is in force there then.</summary>
    public PolicyVersion? Find(string regionCode, DateOnly date)
    {
        foreach (var (prefix, policy) in _byPrefix)
        {
            if (date >= policy.From && date <= policy.Until && regionCode.StartsWith(prefix, StringComparison.Ordinal))
            {
                foreach (var version in policy.Versions)
                {
                    if (date <= version.Until)
                    {
                        return version;
                    }
                }
            }
        }
        return null;
    }

    /// <summary>Two policies may not claim the same prefix on the same day: which one governs would be a guess.</summary>
    internal IEnumerable<string> Overlaps()
    {
        for (var i = 0; i < _byPrefix.Length; i++)
        {
            for (var j = i + 1; j < _byPrefix.Length; j++)
            {
                var (prefix, a) = _byPrefix[i];
                var b = _byPrefix[j].Policy;
                if (prefix == _byPrefix[j].Prefix && a.From <= b.Until && b.From <= a.Until)
                {
                    yield return $"{b.File}: regions: prefix '{prefix}' is also claimed by {a.File} ({a.Id}) on overlapping dates";
                }
            }
        }
        foreach (var duplicate in Policies.GroupBy(policy => policy.Id).Where(group => group.Count() > 1))
        {
            yield return $"{duplicate.Last().File}: id: '{duplicate.Key}' is also used by {duplicate.First().File}";
        }
    }
}
