using System.Text.Json;
using Ledger.Contracts.Events;
using Ledger.Contracts.Households;
using Ledger.Contracts.Settlements;
using Ledger.Policy.Engine;

namespace Ledger.Grains.Households;

/// <summary>Membership: profile updates and members moving between households with their ledger.</summary>
public sealed partial class HouseholdGrain
{
    public async Task<Rejection?> Upsert(MemberSnapshot member)
    {
        var known = State.Members.TryGetValue(member.PsnNo, out var existing);
        if (!known && State.Members.Count >= Limits.MembersMax)
        {
            return new Rejection(RejectionCode.Conflict, "household_id", $"the household already has {Limits.MembersMax} members");
        }
        if (OtherRegion(member) is { } otherRegion)
        {
            return otherRegion;
        }
        // A new member without identities is not news; a new member with some, or any change, is.
        var identitiesChanged = known ? !existing!.Snapshot.Identities.SequenceEqual(member.Identities) : member.Identities.Count > 0;
        if (known && existing!.Snapshot == member)
        {
            return null;
        }
        Member(member);
        await WriteThenPublish(identitiesChanged ? [IdentityChanged(member)] : []);
        return null;
    }

    public async Task<MemberTransfer?> Release(string psnNo)
    {
        if (!State.Members.Remove(psnNo, out var leaving))
        {
            return null;
        }
        foreach (var (year, personYear) in leaving.Years.Entries)
        {
            var householdYear = State.Years.GetValueOrDefault(year);
            var totals = householdYear.Totals;
            totals.Apply(personYear.Totals, -1);
            householdYear.Totals = totals;
            State.Years.Set(year, householdYear);
        }
        var records = State.Reversible.Where(record => record.PsnNo == psnNo).ToList();
        State.Reversible.RemoveAll(record => record.PsnNo == psnNo);
        var transfer = new MemberTransfer(HouseholdId, JsonSerializer.Serialize(new Carried(leaving.Years.Entries.ToDictionary(entry => entry.Year, entry => entry.Value), records)));
        await WriteThenPublish([]);
        return transfer;
    }

    public async Task<Rejection?> Admit(MemberSnapshot member, MemberTransfer transfer)
    {
        if (!State.Members.ContainsKey(member.PsnNo) && State.Members.Count >= Limits.MembersMax)
        {
            return new Rejection(RejectionCode.Conflict, "household_id", $"the household already has {Limits.MembersMax} members");
        }
        if (OtherRegion(member) is { } otherRegion)
        {
            return otherRegion;
        }
        var carried = JsonSerializer.Deserialize<Carried>(transfer.LedgerJson)!;
        var memberState = Member(member);
        foreach (var (year, personYear) in carried.Years)
        {
            var previous = memberState.Years.GetValueOrDefault(year);
            var householdYear = State.Years.GetValueOrDefault(year);
            var totals = householdYear.Totals;
            totals.Apply(previous.Totals, -1);
            totals.Apply(personYear.Totals, 1);
            householdYear.Totals = totals;
            State.Years.Set(year, householdYear);
            memberState.Years.Set(year, personYear);
        }
        foreach (var record in carried.Records.Where(record => SettledIds.Find(State, record.SetlId) is null))
        {
            SettledIds.Remember(State, record);
        }
        ForgetOldYears();
        await WriteThenPublish([IdentityChanged(member)]);
        return null;
    }

    private LedgerEvent IdentityChanged(MemberSnapshot member)
    {
        var now = clock.Now;
        return new LedgerEvent
        {
            EventId = $"{HouseholdId}/{member.PsnNo}/identity/{now.UtcTicks}",
            Kind = EventKinds.IdentityChanged,
            SubjectType = "person",
            SubjectId = member.PsnNo,
            HouseholdId = HouseholdId,
            RegionCode = member.RegionCode,
            Year = Settlements.ChinaTime.Date(now).Year,
            OccurredAt = now,
            Identities = [.. Policy.Domain.IdentityCodes.ToCodes(MemberContexts.On(member, Settlements.ChinaTime.Date(now)).Identities)],
        };
    }

    /// <summary>What a moving member carries: the year records and the settlements still reversible.</summary>
    private sealed record Carried(Dictionary<int, PersonYear> Years, List<SettlementRecord> Records);
}
