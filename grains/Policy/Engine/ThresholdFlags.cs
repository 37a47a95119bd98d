namespace Ledger.Policy.Engine;

/// <summary>Which (rule, level) pairs have fired for a subject and year: two bits per rule.</summary>
public readonly record struct ThresholdFlags(ushort Bits)
{
    public bool Has(Rule rule, Level level) => (Bits & Mask(rule, level)) != 0;

    public ThresholdFlags With(Rule rule, Level level) => new((ushort)(Bits | Mask(rule, level)));

    public ThresholdFlags Without(Rule rule, Level level) => new((ushort)(Bits & ~Mask(rule, level)));

    /// <summary>The (rule, level) pairs set, rule by rule, the warning before the crossing.</summary>
    public IEnumerable<(Rule Rule, Level Level)> Set()
    {
        for (var rule = (Rule)0; (int)rule < RuleCodes.Count; rule++)
        {
            foreach (var level in Levels)
            {
                if (Has(rule, level))
                {
                    yield return (rule, level);
                }
            }
        }
    }

    private static readonly Level[] Levels = [Level.Warning, Level.Crossed];

    private static int Mask(Rule rule, Level level) => 1 << ((int)rule * 2 + (int)level);
}
