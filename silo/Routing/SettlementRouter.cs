using System.Collections.Concurrent;
using Ledger.Contracts;
using Ledger.Contracts.Settlements;

namespace Ledger.Silo.Routing;

/// <summary>
/// Routes a settlement to its household. The household holds every member's snapshot (dated
/// identities and residence, pushed by the person grain at registration), so once this silo knows a
/// person's household it calls the household directly: the same computation with one grain call
/// instead of two, and person grains are not kept active by the feed. Unknown persons, and any the
/// household says are no longer its members (a move), go through the person grain, which finds the
/// household and carries the person's snapshot, as on first contact.
/// </summary>
public sealed partial class SettlementRouter(IGrainFactory grains, int generationSize = SettlementRouter.GenerationSize, ILogger<SettlementRouter>? logger = null)
{
    /// <summary>
    /// Persons per generation of the route memory (about 150 bytes each). Two generations: when the
    /// current one is full it becomes the previous one, and a route found there moves back to the
    /// current. Whoever settled within the last generation keeps a route, without a clock per entry; a
    /// single table cleared when full forgot the whole region at once, and the next settlement of each
    /// person woke its person grain.
    /// </summary>
    public const int GenerationSize = 1_000_000;

    private readonly Lock _rotation = new();
    private ConcurrentDictionary<string, string> _current = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, string> _previous = new(StringComparer.Ordinal);
    private int _currentCount;

    /// <summary>
    /// Routes the settlement; retried while a silo that held its grains is leaving
    /// (<see cref="Retried"/>). A failure that outlasts that is logged with its cause (summarised per
    /// cause) before the caller answers it "unavailable, resend".
    /// </summary>
    public async Task<SettlementResult> Settle(SettlementRequest settlement)
    {
        try
        {
            return await Retried(() => SettleOnce(settlement));
        }
        catch (Exception failure) when (logger is not null && Grains.OperatingFailures.Is(failure))
        {
            LogUnavailable(logger, failure.GetType().Name, failure);
            throw;
        }
    }

    /// <summary>
    /// One settlement's (or reversal's) attempts (<see cref="Grains.TransientRetry"/>). A leaving silo
    /// may record it and lose only its answer; the next attempt then finds it journaled (the household
    /// answers <c>duplicate</c> for a setl_id it has), and the caller, who sent it once, is
    /// answered <paramref name="done"/> (<c>recorded</c>, <c>reversed</c>) with the stored amounts. The
    /// events the lost answer carried are in the journal and on the live stream. Only an attempt that may
    /// have run counts: one Orleans rejected (the message never reached the grain's code) cannot have
    /// recorded anything, so a duplicate found after it is the caller's own resend, and says so.
    /// </summary>
    public static async Task<SettlementResult> Retried(
        Func<Task<SettlementResult>> attempt, string done = SettlementStatus.Recorded, IReadOnlyList<TimeSpan>? delays = null)
    {
        var mayHaveRun = false;
        var result = await Grains.TransientRetry.RunAsync(async () =>
        {
            try
            {
                return await attempt();
            }
            catch (Exception failure) when (!Rejected(failure))
            {
                mayHaveRun = true;
                throw;
            }
        }, delays);
        return mayHaveRun && result.Status == SettlementStatus.Duplicate ? result with { Status = done } : result;
    }

    /// <summary>Orleans refused the message before the grain ran it (and the silo did not die under it).</summary>
    private static bool Rejected(Exception failure)
    {
        var rejected = false;
        for (var current = failure; current is not null; current = current.InnerException)
        {
            if (current is SiloUnavailableException)
            {
                return false;
            }
            rejected |= current is OrleansMessageRejectionException;
        }
        return rejected;
    }

    private async Task<SettlementResult> SettleOnce(SettlementRequest settlement)
    {
        if (HouseholdOf(settlement.PsnNo) is { } householdId)
        {
            var direct = await grains.Household(householdId).RecordFor(settlement.PsnNo, settlement);
            if (direct.Error?.Code != RejectionCode.NotAMember)
            {
                return direct;
            }
            _current.TryRemove(settlement.PsnNo, out _);
            _previous.TryRemove(settlement.PsnNo, out _);
        }
        var result = await grains.Person(settlement.PsnNo).Settle(settlement);
        if (result.Status is SettlementStatus.Recorded or SettlementStatus.Duplicate && result.HouseholdId is { } household)
        {
            Remember(settlement.PsnNo, household);
        }
        return result;
    }

    /// <summary>Notes a person's household, from a settlement's answer or a registration.</summary>
    public void Remember(string psnNo, string householdId)
    {
        var current = _current;
        if (current.TryAdd(psnNo, householdId))
        {
            if (Interlocked.Increment(ref _currentCount) >= generationSize)
            {
                Rotate(current);
            }
        }
        else
        {
            current[psnNo] = householdId;
        }
    }

    /// <summary>The household this silo remembers for a person, if it does.</summary>
    public string? HouseholdOf(string psnNo)
    {
        if (_current.TryGetValue(psnNo, out var householdId))
        {
            return householdId;
        }
        if (_previous.TryGetValue(psnNo, out householdId))
        {
            Remember(psnNo, householdId);
            return householdId;
        }
        return null;
    }

    private void Rotate(ConcurrentDictionary<string, string> full)
    {
        lock (_rotation)
        {
            if (ReferenceEquals(full, _current))
            {
                _previous = full;
                _current = new(StringComparer.Ordinal);
                _currentCount = 0;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A settlement could not be recorded now ({ErrorType}); it is answered unavailable and the feed resends it")]
    private static partial void LogUnavailable(ILogger logger, string errorType, Exception failure);
}
