using Ledger.Contracts.Events;
using Ledger.Contracts.Households;
using Ledger.Policy.Engine;
using Ledger.Policy.Model;
using Microsoft.Extensions.Logging;

namespace Ledger.Grains.Households;

/// <summary>The state changes of a household: computed in memory, then written once.</summary>
public sealed partial class HouseholdGrain
{
    /// <summary>How often an outbox that could not be published is tried again.</summary>
    public static readonly TimeSpan PublishRetryPeriod = TimeSpan.FromSeconds(1);

    /// <summary>Set while publishing fails: retries until the outbox is out.</summary>
    private IGrainTimer? _publishRetry;

    /// <summary>The publication of the last write's outbox, which its caller did not wait for.</summary>
    private Task _publishing = Task.CompletedTask;

    private (SettlementRecord Record, List<LedgerEvent> Events) Apply(
        MemberSnapshot member, Policy.Engine.Claim claim, PolicyVersion policy, string setlId, DateTimeOffset now)
    {
        var memberState = Member(member);
        var year = claim.Date.Year;
        var context = MemberContexts.On(member, claim.Date);
        var personYear = memberState.Years.GetValueOrDefault(year);
        var householdYear = State.Years.GetValueOrDefault(year);
        Span<ThresholdChange> changes = stackalloc ThresholdChange[Thresholds.ChangesMax];
        var split = SettlementEngine.Record(policy, claim, context, ref personYear, ref householdYear, changes, out var count);
        memberState.Years.Set(year, personYear);
        State.Years.Set(year, householdYear);
        var record = new SettlementRecord
        {
            SetlId = setlId, PsnNo = member.PsnNo, Year = year, Date = claim.Date, PolicyId = policy.PolicyId,
            RegionCode = member.RegionCode, Split = split, Member = context,
        };
        SettledIds.Remember(State, record);
        ForgetOldYears();
        return (record, new LedgerEvents(HouseholdId, record, now).Recorded(policy, changes[..count]));
    }

    private List<LedgerEvent> ApplyReversal(SettlementRecord record, PolicyVersion policy, DateTimeOffset now)
    {
        var memberState = State.Members[record.PsnNo];
        var personYear = memberState.Years.GetValueOrDefault(record.Year);
        var householdYear = State.Years.GetValueOrDefault(record.Year);
        Span<ThresholdChange> changes = stackalloc ThresholdChange[Thresholds.ChangesMax];
        var count = SettlementEngine.Reverse(policy, record.Split, record.Member, ref personYear, ref householdYear, changes);
        memberState.Years.Set(record.Year, personYear);
        State.Years.Set(record.Year, householdYear);
        record.Reversed = true;
        return new LedgerEvents(HouseholdId, record, now).Reversed(changes[..count]);
    }

    /// <summary>The member's ledger, created (or its snapshot refreshed) from what the person sent.</summary>
    private MemberState Member(MemberSnapshot member)
    {
        if (!State.Members.TryGetValue(member.PsnNo, out var memberState))
        {
            memberState = new MemberState();
            State.Members[member.PsnNo] = memberState;
        }
        memberState.Snapshot = member;
        State.RegionCode = member.RegionCode;
        return memberState;
    }

    /// <summary>
    /// A year the household no longer keeps (a newer one took its slot) leaves every member too; the
    /// event log keeps its history.
    /// </summary>
    private void ForgetOldYears()
    {
        foreach (var member in State.Members.Values)
        {
            var years = member.Years;
            if (years.OlderYear != 0 && !State.Years.Contains(years.OlderYear))
            {
                years.Remove(years.OlderYear);
            }
            if (years.NewerYear != 0 && !State.Years.Contains(years.NewerYear))
            {
                years.Remove(years.NewerYear);
            }
        }
    }

    /// <summary>
    /// One write for the whole change, then publication. The caller is answered once the write is
    /// durable: its events are in the outbox by then, so they cannot be lost, and the event log's round
    /// trip stays off the acknowledgement. The next write waits for that publication first, so events
    /// go out one outbox at a time and in order. If the write fails the activation is dropped so the
    /// next call reloads the last durable state instead of trusting what was changed in memory.
    /// </summary>
    private async Task WriteThenPublish(List<LedgerEvent> events)
    {
        await _publishing;
        State.Outbox.AddRange(events);
        try
        {
            await store.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
        // Not awaited: the caller is answered now; the next write waits for it.
        _ = PublishPending();
    }

    /// <summary>
    /// Starts publishing what the outbox holds, unless a publication is already under way. One
    /// publisher at a time: two would both take the same events out of the outbox.
    /// </summary>
    private Task PublishPending() => _publishing.IsCompleted ? _publishing = PublishOutbox() : _publishing;

    /// <summary>
    /// Published events leave the outbox in memory at once (an outbox per household was the largest
    /// thing an idle household kept) and from storage with the next write. Until then a reactivation
    /// publishes them again, which the event log ignores by event_id. Writes wait for this
    /// publication, so the outbox does not change while it is out; it is handed over whole and
    /// replaced by an empty one.
    /// </summary>
    private async Task PublishOutbox()
    {
        var pending = State.Outbox;
        if (pending.Count == 0)
        {
            return;
        }
        try
        {
            await publisher.Publish(pending);
        }
        catch (Exception error)
        {
            // The events are durable in the outbox. A household that gets no further settlement must
            // still publish them (the event log, SSE and reports wait for them), so a timer retries,
            // keeping the activation alive until it succeeds.
            if (_publishRetry is null)
            {
                LogPublishFailed(logger, HouseholdId, pending.Count, error);
                _publishRetry = this.RegisterGrainTimer(PublishPending,
                    new GrainTimerCreationOptions(PublishRetryPeriod, PublishRetryPeriod) { KeepAlive = true });
            }
            return;
        }
        State.Outbox = [];
        _publishRetry?.Dispose();
        _publishRetry = null;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // What a previous activation wrote but could not publish (a crash, an outage) goes out now.
        _ = PublishPending();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _publishing;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Household {HouseholdId}: {Count} events not published yet; retrying every second")]
    private static partial void LogPublishFailed(ILogger logger, string householdId, int count, Exception error);
}
