using System.Diagnostics.CodeAnalysis;
using Ledger.Policy.Model;

namespace Ledger.Policy.Loading;

/// <summary>
/// Every policy, immutable after start-up. A settlement is governed by the policy in force on its
/// date whose region prefix is the longest match for the person's region code.
/// </summary>
public sealed class PolicyCatalogue
{
    private readonly (string Prefix, CompiledPolicy Policy, RegionVersions Versions)[] _byPrefix;

    internal PolicyCatalogue(IReadOnlyList<CompiledPolicy> policies)
    {
        Policies = policies;
        _byPrefix = policies.SelectMany(policy => policy.Regions.Select(region => (region.Prefix, policy, region)))
            .OrderByDescending(entry => entry.Prefix.Length).ToArray();
    }

    public IReadOnlyList<CompiledPolicy> Policies { get; }

    /// <summary>The policy version for a region and date, or null when none is in force there then or it cannot compute then.</summary>
    public PolicyVersion? Find(string regionCode, DateOnly date) => TryFind(regionCode, date, out var policy, out _) ? policy : null;

    /// <summary>
    /// The policy version for a region and date; when there is none, <paramref name="reason"/> says why
    /// in words a caller can show: no policy is in force there then, or the policy in force lacks a
    /// value for that year or region (a 上年 figure not yet in the file).
    /// </summary>
    public bool TryFind(string regionCode, DateOnly date, [NotNullWhen(true)] out PolicyVersion? policy, [NotNullWhen(false)] out string? reason)
    {
        foreach (var (prefix, compiled, region) in _byPrefix)
        {
            if (!compiled.InForceOn(date) || !regionCode.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }
            if (region.VersionOn(date) is { } version)
            {
                (policy, reason) = (version, null);
                return true;
            }
            (policy, reason) = (null, region.RefusalOn(date)!.Reason(compiled, regionCode, date));
            return false;
        }
        (policy, reason) = (null, $"no policy is in force for region {regionCode} on {date:yyyy-MM-dd}");
        return false;
    }

    /// <summary>
    /// What the policies in force on <paramref name="day"/> cannot compute then: per policy, the region
    /// prefixes whose settlements of that day <see cref="TryFind"/> refuses, grouped by what they lack
    /// (a year whose 上年 figures are not in the file). Empty when every policy in force computes the day.
    /// </summary>
    public IReadOnlyList<PolicyGap> Gaps(DateOnly day) => Policies
        .Where(policy => policy.InForceOn(day))
        .SelectMany(policy => policy.Regions
            .Select(region => (region.Prefix, Refusal: region.RefusalOn(day)))
            .Where(region => region.Refusal is not null)
            .Select(region => (region.Prefix, Lacks: PolicyGap.Unregioned(region.Refusal!.Lacks(day.Year))))
            .GroupBy(region => string.Join("; ", region.Lacks), StringComparer.Ordinal)
            .Select(group => new PolicyGap(policy.Id, policy.File, day.Year,
                [.. group.Select(region => region.Prefix).Order(StringComparer.Ordinal)], group.First().Lacks)))
        .OrderBy(gap => gap.PolicyId, StringComparer.Ordinal).ThenBy(gap => gap.Regions[0], StringComparer.Ordinal)
        .ToList();

    /// <summary>
    /// The days on which what governs <paramref name="regionCode"/> may change: the first day of each
    /// policy, version and refusal span of a prefix it starts with, and the day after each one's last.
    /// Between two of them <see cref="Find"/> gives the same answer every day.
    /// </summary>
    public IEnumerable<DateOnly> Boundaries(string regionCode) => _byPrefix
        .Where(entry => regionCode.StartsWith(entry.Prefix, StringComparison.Ordinal))
        .SelectMany(entry => entry.Versions.Versions.Select(version => (version.From, version.Until))
            .Concat(entry.Versions.Refusals.Select(refusal => (refusal.From, refusal.Until))).Append((entry.Policy.From, entry.Policy.Until)))
        .SelectMany(span => span.Until < DateOnly.MaxValue ? new[] { span.From, span.Until.AddDays(1) } : [span.From])
        .Distinct().Order();

    /// <summary>Two policies may not claim the same prefix on the same day: which one governs would be a guess.</summary>
    internal IEnumerable<string> Overlaps()
    {
        for (var i = 0; i < _byPrefix.Length; i++)
        {
            for (var j = i + 1; j < _byPrefix.Length; j++)
            {
                var (prefix, a, _) = _byPrefix[i];
                var b = _byPrefix[j].Policy;
                if (!ReferenceEquals(a, b) && prefix == _byPrefix[j].Prefix && a.From <= b.Until && b.From <= a.Until)
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
