namespace Ledger.Policy.Loading;

/// <summary>
/// One difference between two catalogues: a value of a policy that is <see cref="Running"/> on the
/// days from <see cref="From"/> to <see cref="Until"/> (null: open-ended) and <see cref="Proposed"/>
/// after the change; null on a side means the value does not exist there on those days. Key
/// <see cref="PolicyDiff.WholePolicy"/> is a policy added or removed as a whole.
/// </summary>
public sealed record PolicyChange(string PolicyId, string Key, DateOnly From, DateOnly? Until, string? Running, string? Proposed);

/// <summary>
/// Compares the running catalogue with a proposed one, value by value and day by day: for every key
/// the days are cut where either side's value changes, and each span whose two values differ is one
/// change (adjacent spans with the same pair of values are one). Policy-level facts (title, file,
/// regions, in force) are compared as values too.
/// </summary>
public static class PolicyDiff
{
    public const string WholePolicy = "policy";

    public static IReadOnlyList<PolicyChange> Compare(IReadOnlyList<PolicyListing> running, IReadOnlyList<PolicyListing> proposed)
    {
        var before = running.ToDictionary(policy => policy.Id, StringComparer.Ordinal);
        var after = proposed.ToDictionary(policy => policy.Id, StringComparer.Ordinal);
        var changes = new List<PolicyChange>();
        foreach (var id in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var (old, @new) = (before.GetValueOrDefault(id), after.GetValueOrDefault(id));
            if (old is null || @new is null)
            {
                var present = (old ?? @new)!;
                var description = $"{present.File}: regions {string.Join(" ", present.Regions)}, in force {Span(present.From, present.Until)}";
                changes.Add(new PolicyChange(id, WholePolicy, present.From, present.Until, old is null ? null : description, @new is null ? null : description));
                continue;
            }
            var oldValues = Timelines(old);
            var newValues = Timelines(@new);
            foreach (var key in newValues.Keys.Union(oldValues.Keys))
            {
                changes.AddRange(Compare(id, key, oldValues.GetValueOrDefault(key) ?? [], newValues.GetValueOrDefault(key) ?? []));
            }
        }
        return changes;
    }

    public static string Span(DateOnly from, DateOnly? until) => $"{from:yyyy-MM-dd}..{(until is { } end ? end.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "")}";

    private static IEnumerable<PolicyChange> Compare(string policyId, string key, List<PolicyValue> old, List<PolicyValue> @new)
    {
        var cuts = old.Concat(@new).SelectMany(value => value.Until is { } until && until < DateOnly.MaxValue ? new[] { value.From, until.AddDays(1) } : [value.From])
            .Distinct().Order().ToList();
        PolicyChange? pending = null;
        for (var i = 0; i < cuts.Count; i++)
        {
            var from = cuts[i];
            DateOnly? until = i + 1 < cuts.Count ? cuts[i + 1].AddDays(-1) : null;
            var (was, becomes) = (At(old, from), At(@new, from));
            if (was == becomes)
            {
                if (pending is not null)
                {
                    yield return pending;
                    pending = null;
                }
                continue;
            }
            if (pending is not null && pending.Running == was && pending.Proposed == becomes)
            {
                pending = pending with { Until = until };
                continue;
            }
            if (pending is not null)
            {
                yield return pending;
            }
            pending = new PolicyChange(policyId, key, from, until, was, becomes);
        }
        if (pending is not null)
        {
            yield return pending;
        }
    }

    private static string? At(List<PolicyValue> timeline, DateOnly day) =>
        timeline.FirstOrDefault(value => value.From <= day && (value.Until is null || day <= value.Until))?.Value;

    /// <summary>Each key's values in date order; the policy's own facts hold over all time.</summary>
    private static Dictionary<string, List<PolicyValue>> Timelines(PolicyListing policy)
    {
        var timelines = policy.Values.GroupBy(value => value.Key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.OrderBy(value => value.From).ToList(), StringComparer.Ordinal);
        foreach (var (key, value) in new[] { ("title", policy.Title), ("file", policy.File), ("regions", string.Join(" ", policy.Regions)), ("in_force", Span(policy.From, policy.Until)) })
        {
            timelines[key] = [new PolicyValue(key, DateOnly.MinValue, null, value)];
        }
        return timelines;
    }
}
