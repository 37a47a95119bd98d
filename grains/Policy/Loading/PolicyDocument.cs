namespace Ledger.Policy.Loading;

// The shape of a policy file, as YAML gives it: all optional so the validator, not the parser, can
// name exactly what is missing. Unknown keys are refused by the parser.
#pragma warning disable CA2227, CA1002 // DTOs filled by YamlDotNet.

public sealed class PolicyDocument
{
    public string? Id { get; set; }
    public string? Title { get; set; }
    public string? Seed { get; set; }
    public List<string>? Regions { get; set; }
    public PeriodDocument? InForce { get; set; }
    public Dictionary<string, ValueDocument>? Parameters { get; set; }
    public List<LayerDocument>? Layers { get; set; }
    public MonitoringDocument? Monitoring { get; set; }
    public TargetsDocument? Targets { get; set; }
}

/// <summary>
/// Where a rule's figure or choice comes from: <see cref="Ref"/>, the seed paragraph that says it, or
/// <see cref="Assumed"/>, why it is assumed where no seed says it. The loader refuses a rule with neither.
/// </summary>
public abstract class SourcedDocument
{
    public string? Ref { get; set; }
    public string? Assumed { get; set; }

    public bool HasSource() => !string.IsNullOrWhiteSpace(Ref) || !string.IsNullOrWhiteSpace(Assumed);
}

public sealed class PeriodDocument
{
    public string? From { get; set; }
    public string? Until { get; set; }
}

/// <summary>
/// A number with its unit and its source. Exactly one of <see cref="Value"/>, <see cref="ByLevel"/>,
/// <see cref="Dated"/>, <see cref="ByRegion"/> (a value per region-code prefix, longest match) or
/// <see cref="Of"/> (a parameter × <see cref="Factor"/>) gives the number. <see cref="PerYear"/> marks
/// a "last year's" (上年) figure: each dated value holds for its calendar year only, and a year without
/// one refuses its settlements instead of carrying a stale figure forward.
/// </summary>
public sealed class ValueDocument : SourcedDocument
{
    public string? Unit { get; set; }
    public bool? PerYear { get; set; }
    public decimal? Value { get; set; }
    public List<decimal>? ByLevel { get; set; }
    public List<DatedValueDocument>? Dated { get; set; }
    public Dictionary<string, ValueDocument>? ByRegion { get; set; }
    public string? Of { get; set; }
    public decimal? Factor { get; set; }
}

/// <summary>
/// Who a rule is for, with its source: any of the identity codes, optionally rural residents only
/// (<c>residence: rural</c>) and, for deductible reliefs, hospitals inside a region-code prefix.
/// </summary>
public sealed class WhoDocument : SourcedDocument
{
    public List<string>? AnyOf { get; set; }
    public string? Residence { get; set; }
    public string? HospitalWithin { get; set; }
}

/// <summary>A list of codes (medical types, payers) a rule is limited to, with its source.</summary>
public sealed class OnlyDocument : SourcedDocument
{
    public List<string>? Only { get; set; }
}

/// <summary>One choice among named options (a floor's base, its payer), with its source.</summary>
public sealed class ChoiceDocument : SourcedDocument
{
    public string? Value { get; set; }
}

/// <summary>A yes/no rule (a tilt's removal of the cap), with its source.</summary>
public sealed class FlagDocument : SourcedDocument
{
    public bool? Value { get; set; }
}

public sealed class DatedValueDocument : SourcedDocument
{
    public string? From { get; set; }
    public decimal? Value { get; set; }
}

public sealed class LayerDocument
{
    public string? Kind { get; set; }
    public string? Name { get; set; }
    public WhoDocument? Who { get; set; }
    public OnlyDocument? MedTypes { get; set; }

    // basic
    public Dictionary<string, ValueDocument>? Deductible { get; set; }
    public Dictionary<string, ValueDocument>? Ratio { get; set; }
    public List<BonusDocument>? Bonus { get; set; }
    public WhoDocument? DeductibleWaivedFor { get; set; }
    public WhoDocument? ReferralContinuesDeductible { get; set; }
    public ValueDocument? AnnualCap { get; set; }

    // critical
    public ValueDocument? AnnualDeductible { get; set; }
    public List<BracketDocument>? Brackets { get; set; }
    public TiltDocument? Tilt { get; set; }

    // assistance, supplementary
    public List<IdentityRatioDocument>? Ratios { get; set; }
    public ValueDocument? AnnualLimit { get; set; }

    // floor
    public ValueDocument? Target { get; set; }
    public ChoiceDocument? Base { get; set; }
    public OnlyDocument? Counts { get; set; }
    public ChoiceDocument? PaidBy { get; set; }

    // burden_cap
    public ValueDocument? IndividualCap { get; set; }
    public ValueDocument? HouseholdCap { get; set; }
}

public sealed class BonusDocument
{
    public WhoDocument? Who { get; set; }
    public int? MinLevel { get; set; }
    public OnlyDocument? MedTypes { get; set; }
    public ValueDocument? Points { get; set; }
}

public sealed class BracketDocument
{
    public ValueDocument? Above { get; set; }
    public ValueDocument? Ratio { get; set; }
}

public sealed class TiltDocument
{
    public WhoDocument? Who { get; set; }
    public ValueDocument? DeductibleFactor { get; set; }
    public ValueDocument? Points { get; set; }
    public FlagDocument? NoCap { get; set; }
}

public sealed class IdentityRatioDocument
{
    public WhoDocument? Who { get; set; }
    public ValueDocument? Ratio { get; set; }
}

public sealed class TargetsDocument
{
    public WhoDocument? Who { get; set; }
    public ValueDocument? Coverage { get; set; }
    public ValueDocument? Burden { get; set; }
}

public sealed class MonitoringDocument
{
    public ValueDocument? WarningFraction { get; set; }
    public List<MonitoringRuleDocument>? Rules { get; set; }
}

public sealed class MonitoringRuleDocument
{
    public string? Rule { get; set; }
    public WhoDocument? Who { get; set; }
    public ValueDocument? Threshold { get; set; }
    public ValueDocument? MinimumTotal { get; set; }
}
