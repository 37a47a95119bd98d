using Ledger.Policy.Domain;
using Ledger.Shared;

namespace Ledger.Policy.Households;

/// <summary>Members: registration, profile and identity changes, and the snapshot a grain stores.</summary>
public sealed partial class HouseholdLedger
{
    /// <summary>
    /// Plans a registration or update. A new member, or one whose identities change nothing already
    /// recorded, needs at most an identity entry; one whose identities or residence change the context of
    /// recorded settlements needs the journal of the years from the first changed date.
    /// </summary>
    public LedgerPlan PlanMember(MemberProfile profile, DateTimeOffset now)
    {
        var known = _members.TryGetValue(profile.PsnNo, out var member);
        if (RegionCode.Length > 0 && profile.RegionCode != RegionCode && !(known && _members.Count == 1))
        {
            return LedgerPlan.Refuse(RefusalKind.Conflict, "household_id", AnotherRegion);
        }
        if (!known)
        {
            return _members.Count >= MembersMax
                ? LedgerPlan.Refuse(RefusalKind.Conflict, "household_id", $"the household already has {MembersMax} members")
                : LedgerPlan.Journal(profile.Identities.Length == 0 ? [] : [IdentityChanged(profile, [], now)]);
        }
        var from = member!.Profile.RegionCode != profile.RegionCode ? DateOnly.MinValue : profile.FirstDifferenceFrom(member.Profile);
        if (from is null)
        {
            return LedgerPlan.Nothing;
        }
        var settled = member.Years.Entries().Any(year => year.Year >= from.Value.Year && year.Value.Totals.SettlementCount > 0);
        return settled || IsClosed(from.Value.Year)
            ? LedgerPlan.ReadFirst(from.Value.Year, Math.Max(_years.NewerYear, from.Value.Year))
            : LedgerPlan.Journal([IdentityChanged(profile, [], now)]);
    }

    /// <summary>
    /// An identity or residence change of a member with recorded settlements on or after
    /// <paramref name="history"/>'s first year: each kept year is replayed with the new profile from the
    /// first changed date. A change to a closed year in which the member has recorded settlements is refused.
    /// </summary>
    public LedgerPlan PlanContextChange(MemberProfile profile, IReadOnlyList<JournalEntry> history, PolicyLookup policies, DateTimeOffset now)
    {
        var old = _members[profile.PsnNo].Profile;
        var from = old.RegionCode != profile.RegionCode ? DateOnly.MinValue : profile.FirstDifferenceFrom(old) ?? DateOnly.MaxValue;
        var closed = history.FirstOrDefault(entry => entry.Kind == EntryKind.Recorded && entry.PsnNo == profile.PsnNo
            && IsClosed(entry.Year) && entry.Claim.Date >= from && profile.On(entry.Claim.Date) != old.On(entry.Claim.Date));
        if (closed is not null)
        {
            return LedgerPlan.Refuse(RefusalKind.Conflict, "identities",
                $"would change a settlement of {closed.Claim.Date:yyyy-MM-dd} in year {closed.Year}, which is closed: the ledger keeps {YearsRetained} years");
        }
        var recomputeFrom = from == DateOnly.MinValue ? SettlementKey.None
            : new SettlementKey(new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset), "");
        var events = new List<EntryEvent>();
        var adjusted = new List<JournalEntry>();
        foreach (var (year, _) in _years.Entries().Where(year => year.Year >= from.Year).OrderBy(year => year.Year))
        {
            var standings = Standing.Of(history.Where(entry => entry.Year == year));
            var replay = YearReplay.Run(HouseholdId, Surviving(standings), recomputeFrom,
                psnNo => psnNo == profile.PsnNo ? profile : ProfileOf(psnNo), policies);
            events.AddRange(Differences(year, replay, recomputeFrom, policies));
            var changes = Adjustments(year, standings, AdjustmentCause.IdentityChange, profile.PsnNo, now);
            Checked(year, replay, changes);
            adjusted.AddRange(changes);
        }
        return LedgerPlan.Journal([IdentityChanged(profile, events, now), .. adjusted]);
    }

    private JournalEntry IdentityChanged(MemberProfile profile, IReadOnlyList<EntryEvent> events, DateTimeOffset now)
    {
        var today = ChinaTime.Date(now);
        return new JournalEntry
        {
            Kind = EntryKind.IdentityChanged, PsnNo = profile.PsnNo, HouseholdId = HouseholdId, RegionCode = profile.RegionCode,
            Year = today.Year, SetlTime = now, LoggedAt = now, Context = profile.On(today), IdentityPeriods = profile.Identities, Events = events,
        };
    }

    /// <summary>Why a member of another region is refused, without naming the household's region (the caller may not be allowed to know it).</summary>
    public const string AnotherRegion = "the household belongs to another region: the members of a household share one region";

    /// <summary>Adds or updates a member once its registration is committed.</summary>
    public void Admit(MemberProfile profile)
    {
        if (_members.TryGetValue(profile.PsnNo, out var member))
        {
            member.Profile = profile;
        }
        else
        {
            _members[profile.PsnNo] = new MemberLedger(profile);
        }
        if (RegionCode.Length == 0 || _members.Count == 1)
        {
            RegionCode = profile.RegionCode;
        }
    }

    /// <summary>Takes a member out (moving to another household); the caller rebuilds the years without it.</summary>
    public bool Remove(string psnNo) => _members.Remove(psnNo);
}
