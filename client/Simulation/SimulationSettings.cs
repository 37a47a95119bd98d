namespace Ledger.Client.Simulation;

/// <summary>What a synthetic region is made of. The same settings always make the same region.</summary>
public sealed record SimulationSettings
{
    public const int HouseholdsMax = 1_000_000;
    public const int SettlementsMax = 100_000_000;

    /// <summary>Members per household are drawn from 1 to this.</summary>
    public const int MembersPerHouseholdMax = 5;

    public string RegionCode { get; init; } = "350102";
    public int Households { get; init; } = 1_000;
    public int Settlements { get; init; } = 10_000;
    public int Year { get; init; } = 2025;
    public long Seed { get; init; } = 1;

    /// <summary>
    /// The last day settlements may fall on; null = 31 December. The command sets it to today when
    /// simulating the current year, because the API refuses settlements dated in the future.
    /// </summary>
    public DateOnly? LastDay { get; init; }

    public DateOnly FirstDay => new(Year, 1, 1);

    public DateOnly EffectiveLastDay => LastDay is { } last && last < new DateOnly(Year, 12, 31) ? last : new DateOnly(Year, 12, 31);

    /// <summary>Reasons these settings cannot make a region, empty when they can.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (RegionCode.Length != 6 || !RegionCode.All(char.IsAsciiDigit))
        {
            problems.Add($"--region: '{RegionCode}' is not a six-digit region code");
        }
        if (Households is < 1 or > HouseholdsMax)
        {
            problems.Add($"--households: {Households} is outside 1..{HouseholdsMax}");
        }
        if (Settlements is < 0 or > SettlementsMax)
        {
            problems.Add($"--count: {Settlements} is outside 0..{SettlementsMax}");
        }
        if (Year is < 2015 or > 2100)
        {
            problems.Add($"--year: {Year} is outside 2015..2100");
        }
        if (LastDay is { } last && last < FirstDay)
        {
            problems.Add($"--year: {Year} has not started yet");
        }
        return problems;
    }
}
