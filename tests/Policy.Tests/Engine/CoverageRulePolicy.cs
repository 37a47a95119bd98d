namespace Ledger.Policy.Tests.Engine;

/// <summary>
/// A test policy that still lists the household coverage rule (<c>coverage_below_target</c>), which no
/// shipped policy does since Jinhua's target became a KPI: for the rule's own math and for a level left
/// open when a file drops it.
/// </summary>
internal static class CoverageRulePolicy
{
    public const string Yaml = """
        id: coverage
        title: coverage
        seed: test
        regions: ["99"]
        in_force: { from: 2022-01-01 }
        layers:
          - kind: basic
            ratio:
              inpatient: { unit: ratio, value: 0.5, assumed: test }
        monitoring:
          rules:
            - rule: coverage_below_target
              who: { any_of: [dibao], assumed: test }
              threshold: { unit: ratio, value: 0.80, assumed: test }
        """;
}
