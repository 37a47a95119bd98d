using Ledger.Policy.Engine;
using Ledger.Silo.Projections;

namespace Ledger.Api.Tests.Reports;

public sealed class MonthEndQueryTests
{
    [Fact]
    public void The_month_end_list_reports_the_two_poverty_risk_rules_in_the_engines_codes()
    {
        var rules = MonthEndQuery.Rules.Select(code => RuleCodes.TryParse(code, out var rule) ? rule : throw new Xunit.Sdk.XunitException($"'{code}' is no rule code of the engine"));

        Assert.Equal([Rule.ImpoverishmentRisk, Rule.ReturnToPovertyRisk], rules);
    }
}
