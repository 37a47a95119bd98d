using Ledger.Policy.Model;
using Ledger.Policy.Engine;

namespace Ledger.Policy.Households;

/// <summary>Reads the journal entries of the given persons for the years from..to (inclusive), in journal order.</summary>
public delegate Task<IReadOnlyList<JournalEntry>> HistoryReader(IReadOnlyCollection<string> psnNos, int fromYear, int toYear);

/// <summary>
/// The requests a household answers, planned whole: the quick plan on the state in memory, and when the
/// request changes history, the plan again with the journal of the years it changes. Nothing changes
/// until the plan's entries are committed and <see cref="Commit">committed</see> here.
/// </summary>
public sealed partial class HouseholdLedger
{
    /// <summary>
    /// Plans a settlement; completes at once (no task allocated) unless it is late and the journal must be read.
    /// </summary>
    public ValueTask<LedgerPlan> PlanSettlementAsync(
        string psnNo, SettlementKey key, in Claim claim, PolicyLookup policies, HistoryReader read, DateTimeOffset now)
    {
        var ledger = _members[psnNo];
        if (RefusalOf(ledger.Profile, claim.Date, policies, out var policy) is { } refusal)
        {
            return new(LedgerPlan.Refuse(refusal.Kind, refusal.Field, refusal.Reason));
        }
        var plan = PlanSettlement(ledger, key, claim, policy!, now);
        return plan.NeedsHistory is { } years ? PlanLateAsync(psnNo, key, claim, years, policies, read, now) : new(plan);
    }

    /// <summary>Why a settlement of <paramref name="member"/> on <paramref name="date"/> cannot be recorded (a closed year, no policy), or null with the policy in force.</summary>
    private LedgerRefusal? RefusalOf(MemberProfile member, DateOnly date, PolicyLookup policies, out PolicyVersion? policy)
    {
        policy = null;
        if (IsClosed(date.Year))
        {
            return new(RefusalKind.Conflict, "setl_time", $"year {date.Year} is closed: the ledger keeps {YearsRetained} years");
        }
        policy = policies(member.RegionCode, date);
        return policy is null ? new(RefusalKind.NoPolicy, "setl_time", $"no policy is in force for region {member.RegionCode} on {date:yyyy-MM-dd}") : null;
    }

    private async ValueTask<LedgerPlan> PlanLateAsync(
        string psnNo, SettlementKey key, Claim claim, (int From, int To) years, PolicyLookup policies, HistoryReader read, DateTimeOffset now) =>
        PlanLate(psnNo, key, claim, await read(_members.Keys, years.From, years.To), policies, now);

    /// <summary>Plans the reversal of a settlement recorded in <paramref name="year"/> (the caller found it in the journal).</summary>
    public async Task<LedgerPlan> PlanReversalAsync(string psnNo, string setlId, int year, PolicyLookup policies, HistoryReader read, DateTimeOffset now) =>
        IsClosed(year)
            ? LedgerPlan.Refuse(RefusalKind.Conflict, "setl_id", $"year {year} is closed: the ledger keeps {YearsRetained} years")
            : PlanReversal(psnNo, setlId, await read(_members.Keys, year, year), policies, now);

    public async Task<LedgerPlan> PlanMemberAsync(MemberProfile profile, PolicyLookup policies, HistoryReader read, DateTimeOffset now)
    {
        var plan = PlanMember(profile, now);
        return plan.NeedsHistory is { } years
            ? PlanContextChange(profile, await read(_members.Keys, years.From, years.To), policies, now)
            : plan;
    }

    /// <summary>Folds in what the journal committed of a plan, with the member's new profile for a registration.</summary>
    public void Commit(IReadOnlyList<JournalEntry> committed, MemberProfile? profile = null)
    {
        if (profile is not null)
        {
            Admit(profile);
        }
        for (var i = 0; i < committed.Count; i++)
        {
            Apply(committed[i]);
        }
    }
}
