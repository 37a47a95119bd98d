using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;

namespace Ledger.Grains.Serialization;

// Journal entries are stored (the payload column) and sent (the live stream) in Orleans' binary
// format through these surrogates: the field ids are the stored format, never renumber or reuse them.
// Money is whole fen (see Fen).

[GenerateSerializer, Alias("ledger.journal-entry")]
public struct JournalEntrySurrogate
{
    [Id(0)] public long Position;
    [Id(1)] public EntryKind Kind;
    [Id(2)] public string SetlId;
    [Id(3)] public string PsnNo;
    [Id(4)] public string HouseholdId;
    [Id(5)] public string RegionCode;
    [Id(6)] public int Year;
    [Id(7)] public DateTimeOffset SetlTime;
    [Id(8)] public DateTimeOffset LoggedAt;
    [Id(9)] public string PolicyId;
    [Id(10)] public Claim Claim;
    [Id(11)] public MemberContext Context;
    [Id(12)] public YearChange Change;
    [Id(13)] public CapBinding CapBinding;
    [Id(14)] public AdjustmentCause Cause;
    [Id(15)] public string CauseId;
    [Id(16)] public EntryEvent[] Events;
    [Id(17)] public long OtherPaidUnbookedFen;
    [Id(18)] public IdentityPeriodSurrogate[]? IdentityPeriods;
}

[RegisterConverter]
public sealed class JournalEntryConverter : IConverter<JournalEntry, JournalEntrySurrogate>
{
    public JournalEntry ConvertFromSurrogate(in JournalEntrySurrogate value) => new()
    {
        Position = value.Position, Kind = value.Kind, SetlId = value.SetlId ?? "", PsnNo = value.PsnNo ?? "",
        HouseholdId = value.HouseholdId ?? "", RegionCode = value.RegionCode ?? "", Year = value.Year, SetlTime = value.SetlTime,
        LoggedAt = value.LoggedAt, PolicyId = value.PolicyId ?? "", Claim = value.Claim, Context = value.Context, Change = value.Change,
        CapBinding = value.CapBinding, Cause = value.Cause, CauseId = value.CauseId ?? "", Events = value.Events ?? [],
        OtherPaidUnbooked = Fen.ToYuan(value.OtherPaidUnbookedFen),
        IdentityPeriods = value.IdentityPeriods?.Select(period => new IdentityPeriod(period.Identity, period.Begin, period.End)).ToArray(),
    };

    public JournalEntrySurrogate ConvertToSurrogate(in JournalEntry value) => new()
    {
        Position = value.Position, Kind = value.Kind, SetlId = value.SetlId, PsnNo = value.PsnNo, HouseholdId = value.HouseholdId,
        RegionCode = value.RegionCode, Year = value.Year, SetlTime = value.SetlTime, LoggedAt = value.LoggedAt, PolicyId = value.PolicyId,
        Claim = value.Claim, Context = value.Context, Change = value.Change, CapBinding = value.CapBinding, Cause = value.Cause,
        CauseId = value.CauseId, Events = [.. value.Events], OtherPaidUnbookedFen = Fen.From(value.OtherPaidUnbooked),
        IdentityPeriods = value.IdentityPeriods?.Select(period => new IdentityPeriodSurrogate { Identity = period.Identity, Begin = period.Begin, End = period.End })
            .ToArray(),
    };
}

[GenerateSerializer, Alias("ledger.identity-period")]
public struct IdentityPeriodSurrogate
{
    [Id(0)] public Identities Identity;
    [Id(1)] public DateOnly Begin;
    [Id(2)] public DateOnly? End;
}

[GenerateSerializer, Alias("ledger.claim")]
public struct ClaimSurrogate
{
    [Id(0)] public DateOnly Date;
    [Id(1)] public MedicalType MedicalType;
    [Id(2)] public int HospitalLevel;
    [Id(3)] public long TotalFen;
    [Id(4)] public long PolicyScopeFen;
    [Id(5)] public long FullOwnPayFen;
    [Id(6)] public long OverLimitSelfPayFen;
    [Id(7)] public long PreSelfPayFen;
    [Id(8)] public long? PrepaidBasicFen;
    [Id(9)] public long? PrepaidCriticalFen;
    [Id(10)] public long? PrepaidAssistanceFen;
    [Id(11)] public long? OtherPaidFen;
    [Id(12)] public bool Referral;
    [Id(13)] public string? HospitalRegion;
}

[RegisterConverter]
public sealed class ClaimConverter : IConverter<Claim, ClaimSurrogate>
{
    public Claim ConvertFromSurrogate(in ClaimSurrogate value) => new(value.Date, value.MedicalType, value.HospitalLevel,
        Fen.ToYuan(value.TotalFen), Fen.ToYuan(value.PolicyScopeFen), Fen.ToYuan(value.FullOwnPayFen), Fen.ToYuan(value.OverLimitSelfPayFen),
        Fen.ToYuan(value.PreSelfPayFen), Yuan(value.PrepaidBasicFen), Yuan(value.PrepaidCriticalFen), Yuan(value.PrepaidAssistanceFen),
        Yuan(value.OtherPaidFen), value.Referral, value.HospitalRegion);

    public ClaimSurrogate ConvertToSurrogate(in Claim value) => new()
    {
        Date = value.Date, MedicalType = value.MedicalType, HospitalLevel = value.HospitalLevel, TotalFen = Fen.From(value.Total),
        PolicyScopeFen = Fen.From(value.PolicyScope), FullOwnPayFen = Fen.From(value.FullOwnPay),
        OverLimitSelfPayFen = Fen.From(value.OverLimitSelfPay), PreSelfPayFen = Fen.From(value.PreSelfPay),
        PrepaidBasicFen = FenOf(value.PrepaidBasic), PrepaidCriticalFen = FenOf(value.PrepaidCritical),
        PrepaidAssistanceFen = FenOf(value.PrepaidAssistance), OtherPaidFen = FenOf(value.OtherPaid), Referral = value.Referral,
        HospitalRegion = value.HospitalRegion,
    };

    private static decimal? Yuan(long? fen) => fen is { } value ? Fen.ToYuan(value) : null;

    private static long? FenOf(decimal? yuan) => yuan is { } value ? Fen.From(value) : null;
}

[GenerateSerializer, Alias("ledger.year-change")]
public struct YearChangeSurrogate
{
    [Id(0)] public YearTotals Totals;
    [Id(1)] public long CriticalBaseFen;
    [Id(2)] public int HighCostCount;
    [Id(3)] public long DeductiblePaidFen;
}

[RegisterConverter]
public sealed class YearChangeConverter : IConverter<YearChange, YearChangeSurrogate>
{
    public YearChange ConvertFromSurrogate(in YearChangeSurrogate value) =>
        new(value.Totals, Fen.ToYuan(value.CriticalBaseFen), value.HighCostCount, Fen.ToYuan(value.DeductiblePaidFen));

    public YearChangeSurrogate ConvertToSurrogate(in YearChange value) =>
        new()
        {
            Totals = value.Totals, CriticalBaseFen = Fen.From(value.CriticalBase), HighCostCount = value.HighCostCount,
            DeductiblePaidFen = Fen.From(value.DeductiblePaid),
        };
}

[GenerateSerializer, Alias("ledger.entry-event")]
public struct EntryEventSurrogate
{
    [Id(0)] public EntryEventKind Kind;
    [Id(1)] public Rule Rule;
    [Id(2)] public Level Level;
    [Id(3)] public bool HouseholdSubject;
    [Id(4)] public string SubjectId;
    [Id(5)] public long ValueFen;
    [Id(6)] public long ThresholdFen;
    [Id(7)] public DateTimeOffset AtSetlTime;
    [Id(8)] public string AtSetlId;

    /// <summary>Coverage is a ratio with four decimals, not money: kept exactly, scaled by 10 000.</summary>
    [Id(9)] public bool Ratio;
}

[RegisterConverter]
public sealed class EntryEventConverter : IConverter<EntryEvent, EntryEventSurrogate>
{
    public EntryEvent ConvertFromSurrogate(in EntryEventSurrogate value) => new(value.Kind, value.Rule, value.Level, value.HouseholdSubject,
        value.SubjectId ?? "", Decode(value.ValueFen, value.Ratio), Decode(value.ThresholdFen, value.Ratio),
        new SettlementKey(value.AtSetlTime, value.AtSetlId ?? ""));

    public EntryEventSurrogate ConvertToSurrogate(in EntryEvent value)
    {
        var ratio = value.Rule == Rule.CoverageBelowTarget;
        return new()
        {
            Kind = value.Kind, Rule = value.Rule, Level = value.Level, HouseholdSubject = value.HouseholdSubject, SubjectId = value.SubjectId,
            ValueFen = Encode(value.Value, ratio), ThresholdFen = Encode(value.Threshold, ratio), AtSetlTime = value.At.SetlTime,
            AtSetlId = value.At.SetlId, Ratio = ratio,
        };
    }

    private static long Encode(decimal value, bool ratio) => ratio ? (long)decimal.Round(value * 10_000m) : Fen.From(Money.Round(value));

    private static decimal Decode(long value, bool ratio) => ratio ? value / 10_000m : Fen.ToYuan(value);
}
