using Ledger.Policy.Domain;
using Ledger.Policy.Engine;

namespace Ledger.Policy.Model;

/// <summary>
/// One monitoring rule resolved for a date segment. <see cref="Identities"/> = None means anyone;
/// <see cref="RuralOnly"/> restricts to rural residents. <see cref="MinimumTotal"/> keeps a ratio rule
/// quiet until the year's spending is large enough to mean something.
/// </summary>
public sealed record MonitoringRule(
    Rule Rule, Identities Identities, bool RuralOnly, decimal Threshold, decimal MinimumTotal)
{
    public bool AppliesTo(in MemberContext member) =>
        (Identities == Identities.None || (member.Identities & Identities) != 0)
        && (!RuralOnly || member.Residence == Residence.Rural);
}

/// <summary>The monitoring part of a policy: the rules it lists and the warning fraction.</summary>
public sealed record Monitoring(decimal WarningFraction, MonitoringRule[] Rules)
{
    public MonitoringRule? Find(Rule rule)
    {
        foreach (var candidate in Rules)
        {
            if (candidate.Rule == rule)
            {
                return candidate;
            }
        }
        return null;
    }
}
