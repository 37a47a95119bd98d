using Ledger.Policy.Domain;
using Ledger.Shared;

namespace Ledger.Policy.Households;

/// <summary>Members: registration, profile and identity changes, and the snapshot a grain stores.</summary>
public sealed partial class HouseholdLedger
{
    /// <summary>
    /// Plans a registration or update. A new member, or one whose identities change nothing already
    /// recorded, needs at most an identity entry; one whose identities or residence change the context of
    /// recorded settlements needs the journal of the years from the first changed date. A change of region
    /// alone (the sole member's 参保地, the household's with it) is journaled dated today and re-splits
    /// nothing: each settlement stays under the policy of the region it was recorded in.
    /// </summary>
    public LedgerPlan PlanMember(MemberProfile profile, DateTimeOffset now)
    {
        var known = _members.TryGetValue(profile.PsnNo, out var member);
        if (!known)
        {
            return NewMemberRefusal(RegionCode, _members.Count, profile.RegionCode) is { } refusal
                ? LedgerPlan.Refuse(refusal)
                : LedgerPlan.Journal(profile.Identities.Length == 0 ? [] : [IdentityChanged(profile, FirstBegin(profile), [], now)]);
        }
        // A sole member may change region: the household moves with it.
        if (RegionCode.Length > 0 && profile.RegionCode != RegionCode && _members.Count != 1)
        {
            return LedgerPlan.Refuse(RefusalKind.Conflict, "household_id", AnotherRegion);
        }
        if (ChangedFrom(member!.Profile, profile) is not { } from)
        {
            return member.Profile.RegionCode == profile.RegionCode ? LedgerPlan.Nothing
                : LedgerPlan.Journal([IdentityChanged(profile, DateOnly.MaxValue, [], now)]);
        }
        var settled = member.Years.Entries().Any(year => year.Year >= from.Year && year.Value.Totals.SettlementCount > 0);
        return settled || IsClosed(from.Year)
            ? LedgerPlan.ReadFirst(from.Year, Math.Max(_years.NewerYear, from.Year))
            : LedgerPlan.Journal([IdentityChanged(profile, from, [], now)]);
    }

    /// <summary>
    /// An identity or residence change of a member with recorded settlements on or after
    /// <paramref name="history"/>'s first year: each open year is replayed with the new profile from the
    /// first changed date. A change of identities valid on a closed year's settlement is refused (residence
    /// changes reach open years only, see <see cref="ChangedFrom"/>). A region changed with them moves no
    /// settlement to the new region's policy (<see cref="Standing.RegionOf"/>).
    /// </summary>
    public LedgerPlan PlanContextChange(MemberProfile profile, IReadOnlyList<JournalEntry> history, PolicyLookup policies, DateTimeOffset now)
    {
        var from = ChangedFrom(_members[profile.PsnNo].Profile, profile) ?? DateOnly.MaxValue;
        if (ClosedYearRefusal(profile, from, history) is { } refused)
        {
            return refused;
        }
        var recomputeFrom = KeyOf(from);
        var events = new List<EntryEvent>();
        var adjusted = new List<JournalEntry>();
        foreach (var (year, _) in _years.Entries().Where(year => year.Year >= from.Year && !IsClosed(year.Year)).OrderBy(year => year.Year))
        {
            var standings = Standing.Of(history.Where(entry => entry.Year == year));
            var replay = YearReplay.Run(HouseholdId, Surviving(standings), recomputeFrom,
                psnNo => psnNo == profile.PsnNo ? profile : ProfileOf(psnNo), policies);
            events.AddRange(Differences(year, replay, recomputeFrom, policies));
            var changes = Reconciled(year, replay, Adjustments(year, standings, AdjustmentCause.IdentityChange, profile.PsnNo, now),
                standings, AdjustmentCause.IdentityChange, profile.PsnNo, now);
            Checked(year, replay, changes);
            adjusted.AddRange(changes);
        }
        return LedgerPlan.Journal([IdentityChanged(profile, from, events, now), .. adjusted]);
    }

    /// <summary>A change of identities valid on a closed year's settlement of the member, refused naming <c>identities</c>.</summary>
    private LedgerPlan? ClosedYearRefusal(MemberProfile profile, DateOnly from, IReadOnlyList<JournalEntry> history)
    {
        var old = _members[profile.PsnNo].Profile;
        var closed = history.FirstOrDefault(entry => entry.Kind == EntryKind.Recorded && entry.PsnNo == profile.PsnNo
            && IsClosed(entry.Year) && entry.Claim.Date >= from && profile.On(entry.Claim.Date).Identities != old.On(entry.Claim.Date).Identities);
        return closed is null ? null : LedgerPlan.Refuse(RefusalKind.Conflict, "identities",
            $"would change a settlement of {closed.Claim.Date:yyyy-MM-dd} in year {closed.Year}, which is closed: the ledger keeps {YearsRetained} years");
    }

    /// <summary>The replay key a change dated <paramref name="from"/> recomputes from (00:00 China time that day).</summary>
    private static SettlementKey KeyOf(DateOnly from) => from == DateOnly.MinValue ? SettlementKey.None
        : new SettlementKey(new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset), "");

    /// <summary>
    /// The first date from which <paramref name="profile"/> computes recorded settlements differently from
    /// <paramref name="old"/>, or null when it never does. Identities are dated, so they change from their
    /// first differing date. Residence is not (the feed sends how things stand now): it changes from the
    /// first day of the oldest open year, so a person who became urban is computed as urban in the years
    /// the ledger still adjusts while the closed years stay as they were settled. Region never does: a
    /// settlement is computed under the policy of the region it was recorded in, where the person was
    /// insured then, and that region's insurer pays or reclaims its adjustments; only later settlements
    /// come under the new region's.
    /// </summary>
    private DateOnly? ChangedFrom(MemberProfile old, MemberProfile profile)
    {
        var identities = profile.FirstDifferenceFrom(old);
        if (old.Residence == profile.Residence)
        {
            return identities;
        }
        var open = _years.NewerYear == 0 ? DateOnly.MinValue : new DateOnly(Math.Max(1, _years.NewerYear - YearsRetained + 1), 1, 1);
        return identities is { } date && date < open ? date : open;
    }

    /// <summary>When a new member's identities take effect: the earliest begin of its periods.</summary>
    private static DateOnly FirstBegin(MemberProfile profile) => profile.Identities.Min(period => period.Begin);

    /// <summary>
    /// The identity entry of a change taking effect on <paramref name="from"/>: its year and setl_time are
    /// that day's (the money it moves is of that date on), with the identities valid then. A change that
    /// no recorded date bounds (a residence change of a household without settlements) is dated today.
    /// </summary>
    private JournalEntry IdentityChanged(MemberProfile profile, DateOnly from, IReadOnlyList<EntryEvent> events, DateTimeOffset now)
    {
        var effective = from == DateOnly.MinValue || from == DateOnly.MaxValue ? ChinaTime.Date(now) : from;
        return new JournalEntry
        {
            Kind = EntryKind.IdentityChanged, PsnNo = profile.PsnNo, HouseholdId = HouseholdId, RegionCode = profile.RegionCode,
            Year = effective.Year, SetlTime = new DateTimeOffset(effective.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset), LoggedAt = now,
            Context = profile.On(effective), IdentityPeriods = profile.Identities, Events = events,
        };
    }

    /// <summary>
    /// Why a household of <paramref name="region"/> (empty: no member yet) with <paramref name="members"/>
    /// members refuses a new member of <paramref name="memberRegion"/> (another region, or full), or null
    /// when it takes it. <see cref="PlanMember"/> asks with the household as it is; a roll
    /// (Ledger.Grains.Households.RegistrationPlan) asks with the region and size its earlier lines leave.
    /// </summary>
    public static LedgerRefusal? NewMemberRefusal(string region, int members, string memberRegion) =>
        region.Length > 0 && memberRegion != region ? new(RefusalKind.Conflict, "household_id", AnotherRegion)
        : members >= MembersMax ? new(RefusalKind.Conflict, "household_id", $"the household already has {MembersMax} members")
        : null;

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
