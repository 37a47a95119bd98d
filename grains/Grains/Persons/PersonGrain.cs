using Ledger.Contracts;
using Ledger.Contracts.Households;
using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;
using Ledger.Grains.Privacy;

namespace Ledger.Grains.Persons;

/// <summary>
/// A person: profile, dated identities and household pointer. Forwards money to its household, which
/// holds the person's year ledger, so a settlement costs one state write, the household's. Keeps no
/// copy of the totals: reads ask the household (a copy per person cost memory on every active person
/// and work on every settlement, for reads that are rare beside settlements). Settlements go to the
/// household directly once a silo knows it, so a person is active for registrations and first
/// contacts only: it is let go as soon as a registration is done, and after two idle minutes instead
/// of the default fifteen otherwise. A million persons would otherwise keep a million activations
/// (about 2.4 KB of Orleans bookkeeping each) for nothing.
/// </summary>
[CollectionAgeLimit(Minutes = 2)]
public sealed class PersonGrain(
    [PersistentState("person", "ledger")] IPersistentState<PersonState> store,
    IGrainFactory grains,
    LedgerClock clock) : Grain, IPersonGrain
{
    private string PsnNo => this.GetPrimaryKeyString();

    private PersonProfile? Profile => store.State.Profile;

    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        store.State.MovingFrom is null ? Task.CompletedTask : (Task)FinishMove();

    public async Task<RegistrationResult> Register(PersonProfile profile)
    {
        if (ProfileValidation.Validate(profile) is { } problem)
        {
            return new RegistrationResult(null, problem);
        }
        profile = SharedText.Of(profile) with { HouseholdId = HouseholdOf(profile) };
        var previous = Profile?.HouseholdId;
        store.State.Profile = profile;
        if (previous is not null && previous != profile.HouseholdId)
        {
            store.State.MovingFrom = previous;
            await store.WriteStateAsync();
            if (await FinishMove() is { } refused)
            {
                return new RegistrationResult(null, refused);
            }
        }
        else
        {
            await store.WriteStateAsync();
            if (await Household().Upsert(Snapshot()) is { } refused)
            {
                return new RegistrationResult(null, refused);
            }
        }
        var view = await View(Settlements.ChinaTime.Date(clock.Now).Year);
        // Registrations come in bulk (a region's roll) and settlements do not need the person.
        DeactivateOnIdle();
        return new RegistrationResult(view, null);
    }

    public async Task<SettlementResult> Settle(SettlementRequest settlement)
    {
        if (Profile is null)
        {
            return SettlementResult.Rejected(settlement.SetlId, new Rejection(RejectionCode.NotFound, "psn_no", "the person is not registered"));
        }
        return await Household().Record(Snapshot(), settlement with { PsnNo = PsnNo });
    }

    public async Task<SettlementResult> Reverse(string setlId)
    {
        if (Profile is null)
        {
            return SettlementResult.Rejected(setlId, new Rejection(RejectionCode.NotFound, "psn_no", "the person is not registered"));
        }
        return await Household().Reverse(PsnNo, setlId);
    }

    public async Task<PersonView?> Get(int year) => Profile is null ? null : await View(year);

    private async Task<PersonView> View(int year)
    {
        var member = await Household().GetMember(PsnNo, year) ?? new MemberYearView(PsnNo, TotalsView.Empty, []);
        var profile = Profile!;
        return new PersonView
        {
            PsnNo = PsnNo, HouseholdId = profile.HouseholdId, RegionCode = profile.RegionCode,
            Residence = profile.Residence, Insutype = profile.Insutype, Identities = profile.Identities, Year = year,
            Totals = member.Totals, Thresholds = member.Thresholds,
            PsnName = Masking.Name(profile.PsnName), Certno = Masking.Certno(profile.Certno),
        };
    }

    /// <summary>
    /// Moves the member's ledger from the old household to the new one. Each step is recorded before
    /// the next, so after a crash the activation picks up where it stopped and nothing is lost.
    /// </summary>
    private async Task<Rejection?> FinishMove()
    {
        var from = grains.Household(store.State.MovingFrom!);
        if (store.State.Transfer is null && await from.Release(PsnNo) is { } released)
        {
            store.State.Transfer = released;
            await store.WriteStateAsync();
        }
        var transfer = store.State.Transfer ?? new MemberTransfer(store.State.MovingFrom!, """{"Years":{},"Records":[]}""");
        var refused = await Household().Admit(Snapshot(), transfer);
        if (refused is not null)
        {
            // The new household is full: the member goes back where it came from, ledger and all.
            store.State.Profile = Profile! with { HouseholdId = store.State.MovingFrom! };
            await from.Admit(Snapshot(), transfer);
        }
        store.State.MovingFrom = null;
        store.State.Transfer = null;
        await store.WriteStateAsync();
        return refused;
    }

    private IHouseholdGrain Household() => grains.Household(Profile!.HouseholdId);

    private MemberSnapshot Snapshot() => new(PsnNo, Profile!.RegionCode, Profile.Residence, Profile.Identities);

    /// <summary>A person with no known household is a household of one.</summary>
    private string HouseholdOf(PersonProfile profile) => profile.HouseholdId.Length > 0 ? profile.HouseholdId : "solo-" + PsnNo;
}
