using Ledger.Contracts;
using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;
using Ledger.Grains.Households;
using Ledger.Grains.Journal;
using Ledger.Policy.Households;

namespace Ledger.Grains.Persons;

/// <summary>
/// Registrations, one or a roll of thousands: each household named gets its own persons in one call
/// (one append for all that change no recorded settlement), households in parallel; a person
/// registered in another household is then moved by its person grain.
/// </summary>
public static class Registrations
{
    /// <summary>Households of one roll registered at once: enough to keep both cores busy, bounded.</summary>
    public const int HouseholdsInFlightMax = 256;

    private static readonly IReadOnlyDictionary<string, RegistrationDigest> NobodyRegistered = new Dictionary<string, RegistrationDigest>();

    /// <summary>A roll's answer for a household that turned out not to be new: it goes through its grain instead.</summary>
    private static readonly RegistrationOutcome[] NotNew = [];

    /// <summary>Every household through its grain.</summary>
    public static async Task<RegistrationOutcome[]> Register(this IGrainFactory grains, IReadOnlyList<PersonRecord> persons)
    {
        var outcomes = new RegistrationOutcome[persons.Count];
        await ThroughGrains(grains, persons, [.. Enumerable.Range(0, persons.Count)], outcomes);
        await MoveElsewhere(grains, persons, outcomes);
        return outcomes;
    }

    /// <summary>
    /// A roll registered inside a silo: a household nobody is registered in and no grain holds is written
    /// straight to the journal, planned as its grain would plan it on an empty ledger, without activating
    /// a grain (a roll names thousands of new households, and a household has nothing to keep before its
    /// first settlement); the journal refuses it whole if a grain claimed it meanwhile, and that household
    /// goes through its grain with the others.
    /// </summary>
    public static async Task<RegistrationOutcome[]> Register(this IGrainFactory grains, IJournal journal, TimeProvider clock, IReadOnlyList<PersonRecord> persons)
    {
        var outcomes = new RegistrationOutcome[persons.Count];
        var now = clock.GetUtcNow();
        var taken = new List<int>();
        await Task.WhenAll(Households(persons).Select(async household =>
        {
            var members = household.Select(index => persons[index]).ToList();
            var answers = await Guarded(members, async batch =>
            {
                var plan = RegistrationPlan.Of(new HouseholdLedger(household.Key), NobodyRegistered, batch, now);
                var outcome = await journal.Append(plan.Append(household.Key) with { NewHouseholdId = household.Key });
                if (outcome.HouseholdTaken)
                {
                    return NotNew;
                }
                plan.Answer(outcome);
                return plan.Outcomes;
            });
            if (ReferenceEquals(answers, NotNew))
            {
                lock (taken)
                {
                    taken.AddRange(household);
                }
                return;
            }
            Fill(outcomes, [.. household], answers);
        }));
        await ThroughGrains(grains, persons, taken, outcomes);
        await MoveElsewhere(grains, persons, outcomes);
        return outcomes;
    }

    private static IEnumerable<IGrouping<string, int>> Households(IReadOnlyList<PersonRecord> persons, IEnumerable<int>? indexes = null) =>
        (indexes ?? Enumerable.Range(0, persons.Count)).GroupBy(index => persons[index].HouseholdId, StringComparer.Ordinal);

    private static Task ThroughGrains(IGrainFactory grains, IReadOnlyList<PersonRecord> persons, IReadOnlyList<int> indexes, RegistrationOutcome[] outcomes) =>
        Parallel.ForEachAsync(Households(persons, indexes), new ParallelOptions { MaxDegreeOfParallelism = HouseholdsInFlightMax }, async (household, _) =>
        {
            var members = household.ToList();
            Fill(outcomes, members, await Guarded([.. members.Select(index => persons[index])], batch => grains.Household(household.Key).Register(batch)));
        });

    /// <summary>
    /// A person registered in another household is moved there by its person grain, one at a time; an
    /// unchanged member whose household left has not re-adjudicated without it (a move whose second append
    /// was lost) gets that done now (<see cref="Departures"/>).
    /// </summary>
    private static Task MoveElsewhere(IGrainFactory grains, IReadOnlyList<PersonRecord> persons, RegistrationOutcome[] outcomes) =>
        Parallel.ForEachAsync(Enumerable.Range(0, persons.Count).Where(index => outcomes[index].Status == RegistrationStatus.Elsewhere
                || outcomes[index].HouseholdsLeft.Count > 0).ToList(),
            new ParallelOptions { MaxDegreeOfParallelism = HouseholdsInFlightMax }, async (index, _) =>
            {
                var found = outcomes[index];
                outcomes[index] = (await Guarded([persons[index]], async batch => [found.Status == RegistrationStatus.Elsewhere
                    ? await grains.Person(batch[0].PsnNo).Move(batch[0])
                    : await grains.Finish(found)]))[0];
            });

    private static void Fill(RegistrationOutcome[] outcomes, IReadOnlyList<int> indexes, IReadOnlyList<RegistrationOutcome> answers)
    {
        for (var i = 0; i < indexes.Count; i++)
        {
            outcomes[indexes[i]] = answers[i];
        }
    }

    /// <summary>
    /// Registers, retried while a silo that held a grain it calls leaves (a retry finds what a first
    /// attempt wrote unchanged, a move included); an operating failure that outlasts that (storage down,
    /// a silo lost) answers these persons "unavailable, retry".
    /// </summary>
    private static async Task<IReadOnlyList<RegistrationOutcome>> Guarded(
        IReadOnlyList<PersonRecord> batch, Func<IReadOnlyList<PersonRecord>, Task<IReadOnlyList<RegistrationOutcome>>> register)
    {
        try
        {
            return await TransientRetry.RunAsync(() => register(batch));
        }
        catch (Exception failure) when (OperatingFailures.Is(failure))
        {
            return [.. batch.Select(person => RegistrationOutcome.Rejected(person.PsnNo, new Rejection(RejectionCode.Unavailable, "psn_no",
                "the ledger could not register this person now (storage or a silo is unavailable); resend it")))];
        }
    }
}
