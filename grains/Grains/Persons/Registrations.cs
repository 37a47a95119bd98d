using Ledger.Contracts;
using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;

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

    public static async Task<RegistrationOutcome[]> Register(this IGrainFactory grains, IReadOnlyList<PersonRecord> persons)
    {
        var outcomes = new RegistrationOutcome[persons.Count];
        var households = Enumerable.Range(0, persons.Count).GroupBy(index => persons[index].HouseholdId).ToList();
        await Parallel.ForEachAsync(households, new ParallelOptions { MaxDegreeOfParallelism = HouseholdsInFlightMax }, async (household, _) =>
        {
            var indexes = household.ToList();
            var answers = await Guarded(indexes.Select(index => persons[index]).ToList(),
                batch => grains.Household(household.Key).Register(batch));
            for (var i = 0; i < indexes.Count; i++)
            {
                outcomes[indexes[i]] = answers[i];
            }
        });
        var moving = Enumerable.Range(0, persons.Count).Where(index => outcomes[index].Status == RegistrationStatus.Elsewhere).ToList();
        await Parallel.ForEachAsync(moving, new ParallelOptions { MaxDegreeOfParallelism = HouseholdsInFlightMax }, async (index, _) =>
            outcomes[index] = (await Guarded([persons[index]], async batch => [await grains.Person(batch[0].PsnNo).Move(batch[0])]))[0]);
        return outcomes;
    }

    /// <summary>An operating failure (storage down, a silo lost) answers these persons "unavailable, retry".</summary>
    private static async Task<IReadOnlyList<RegistrationOutcome>> Guarded(
        IReadOnlyList<PersonRecord> batch, Func<IReadOnlyList<PersonRecord>, Task<IReadOnlyList<RegistrationOutcome>>> register)
    {
        try
        {
            return await register(batch);
        }
        catch (Exception failure) when (OperatingFailures.Is(failure))
        {
            return [.. batch.Select(person => RegistrationOutcome.Rejected(person.PsnNo, new Rejection(RejectionCode.Unavailable, "psn_no",
                "the ledger could not register this person now (storage or a silo is unavailable); resend it")))];
        }
    }
}
