using Ledger.Policy.Domain;
using Ledger.Policy.Loading;
using Ledger.Policy.Model;

namespace Ledger.Client.Tests.WhatIf;

/// <summary>
/// A synthetic region from <c>ledger simulate</c> (seed 11: 12 households, 39 persons, 120 settlements
/// in 2024) replayed with Fujian's assistance ratio for extreme_poverty, dibao and returned_to_poverty
/// raised from 0.70 to 0.80. The policies are the golden case's frozen copy, so the hand computation
/// below holds whatever the shipped Fujian file becomes.
/// </summary>
public sealed class SyntheticRegionWhatIfTests
{
    [Fact]
    public async Task Raising_the_assistance_ratio_changes_maf_pay_by_the_hand_computed_sample_and_no_other_payer()
    {
        using var runner = new WhatIfRunner();
        Assert.Equal(0, await runner.RunAsync("simulate", "--region", "350102", "--households", "12", "--count", "120", "--year", "2024", "--seed", "11", "--out", runner.Path("region")));
        var (baseline, changed) = (Path.Combine(WhatIfRunner.AssistanceCase, "baseline"), Path.Combine(WhatIfRunner.AssistanceCase, "changed.yaml"));
        AssertTheChangeIsTheRatioOnly(baseline, changed);

        var exit = await runner.RunAsync("what-if", "--baseline", baseline, "--changed", changed,
            "--feed", runner.Path("region", "settlements.ndjson"), "--persons", runner.Path("region", "persons.ndjson"), "--out", runner.Path("out"));
        Assert.True(exit == 0, runner.Error);
        var rows = WhatIfRunner.CsvRows(runner.Path("out"));

        // 2024 settlements are computed on the 2023 figures: Fuzhou's (3501) residents' income 45 426 →
        // critical deductible 22 713, tilted (dibao) 11 356.50. Assistance pays inpatient and chronic bills.
        // The only settlements whose member held a 70 % identity on their date: P350102-11-000006-1, urban,
        // dibao since 2023-01-01, who has these two settlements only (the region's other identities are
        // dibao_marginal and monitored, at 60 % for rural residents, and poverty_alleviated, which
        // assistance does not cover).
        // S350102-11-2024-000000011, 2024-02-03, chronic (14), level 3, total 577.90, scope 484.46:
        //   basic: chronic has no deductible, 60 %: 484.46 × 0.60 = 290.676 → 290.68; scope left 193.78;
        //   critical: year base 193.78 < the tilted deductible 11 356.50 → 0;
        //   maf_pay 193.78 × 0.70 = 135.646 → 135.65; × 0.80 = 155.024 → 155.02: +19.37.
        // S350102-11-2024-000000112, 2024-12-05, inpatient (21), level 2, total 2 721.54, scope 2 136.57
        // (no referral: the feed has none, and she is urban):
        //   basic (2 136.57 − 500) × 0.70 = 1 145.599 → 1 145.60; scope left 990.97;
        //   critical: year base 193.78 + 990.97 = 1 184.75 < 11 356.50 → 0;
        //   maf_pay 990.97 × 0.70 = 693.679 → 693.68; × 0.80 = 792.776 → 792.78: +99.10.
        // Her year's maf_pay is 829.33 → 947.80, far under the 50 000 annual limit, so no later
        // settlement of the year gets less because more was paid earlier; critical and basic never read
        // what assistance paid. Her self-pay (1 033.83 → 915.36) is on no monitoring line: she is neither
        // poverty_alleviated nor rural. The change is therefore exactly 19.37 + 99.10 = 118.47.
        Assert.Equal("118.47", WhatIfRunner.Row(rows, "total", "", "", "maf_pay").Difference);
        Assert.Equal("-118.47", WhatIfRunner.Row(rows, "total", "", "", "psn_part_amt").Difference);
        Assert.Equal("118.47", WhatIfRunner.Row(rows, "total", "", "", "fund_pay_sumamt").Difference);
        foreach (var payer in new[] { "medfee_sumamt", "hifp_pay", "hifmi_pay", "floor_pay", "supplementary_pay", "warm_fund_pay" })
        {
            Assert.Equal("0.00", WhatIfRunner.Row(rows, "total", "", "", payer).Difference);
        }
        Assert.Equal("118.47", WhatIfRunner.Row(rows, "identity", "dibao", "", "maf_pay").Difference);
        foreach (var group in new[] { "dibao_marginal", "monitored", "poverty_alleviated", "none" })
        {
            Assert.Equal("0.00", WhatIfRunner.Row(rows, "identity", group, "", "maf_pay").Difference);
        }

        const string person = "P350102-11-000006-1";
        Assert.Equal(("829.33", "947.80", "118.47"), WhatIfRunner.Row(rows, "largest_change", "1", person, "maf_pay"));
        Assert.Equal(("135.65", "155.02", "19.37"), WhatIfRunner.Row(rows, "largest_change_settlement", "1", person + " S350102-11-2024-000000011", "maf_pay"));
        Assert.Equal(("693.68", "792.78", "99.10"), WhatIfRunner.Row(rows, "largest_change_settlement", "1", person + " S350102-11-2024-000000112", "maf_pay"));
        Assert.Equal(("290.68", "290.68", "0.00"), WhatIfRunner.Row(rows, "largest_change_settlement", "1", person + " S350102-11-2024-000000011", "hifp_pay"));
        Assert.DoesNotContain(rows, row => row[0] == "largest_change" && row[1] == "2");
    }

    /// <summary>The frozen files differ in that one ratio, and hold the numbers the hand computation uses.</summary>
    private static void AssertTheChangeIsTheRatioOnly(string baseline, string changed)
    {
        var before = PolicyLoader.LoadDirectory(baseline).Find("350102", new DateOnly(2024, 6, 1))!;
        var after = PolicyLoader.Load([("fujian-2022.yaml", File.ReadAllText(changed))]).Find("350102", new DateOnly(2024, 6, 1))!;
        var (assistanceBefore, assistanceAfter) = (before.Assistance!, after.Assistance!);
        Assert.Equal([0.70m, 0.60m], assistanceBefore.Ratios.Select(ratio => ratio.Ratio));
        Assert.Equal([0.80m, 0.60m], assistanceAfter.Ratios.Select(ratio => ratio.Ratio));
        Assert.Equal(new Eligibility(Identities.ExtremePoverty | Identities.Dibao | Identities.ReturnedToPoverty, RuralOnly: false), assistanceAfter.Ratios[0].Eligible);
        Assert.Equal(new Eligibility(Identities.DibaoMarginal | Identities.Monitored, RuralOnly: true), assistanceAfter.Ratios[1].Eligible);
        Assert.Equal(MedicalTypes.Of([MedicalType.Inpatient, MedicalType.Chronic]), assistanceBefore.MedicalTypes);
        Assert.Equal(50_000m, assistanceBefore.AnnualLimit);
        var basic = before.Layers.OfType<BasicLayer>().Single();
        Assert.Equal(0.60m, basic.RatioByTypeAndLevel[BasicLayer.Index(MedicalType.Chronic, 3)]);
        Assert.Equal(0m, basic.DeductibleByTypeAndLevel[BasicLayer.Index(MedicalType.Chronic, 3)]);
        Assert.Equal(500m, basic.DeductibleByTypeAndLevel[BasicLayer.Index(MedicalType.Inpatient, 2)]);
        Assert.Equal(22_713m, before.Critical!.Deductible);
        Assert.Equal(11_356.50m, Math.Round(before.Critical.Deductible * before.Critical.Tilt.DeductibleFactor, 2));
        var lines = (File.ReadAllLines(Path.Combine(baseline, "fujian-2022.yaml")).Where(line => !line.StartsWith('#')).ToList(),
            File.ReadAllLines(changed).Where(line => !line.StartsWith('#')).ToList());
        Assert.Equal(lines.Item1.Count, lines.Item2.Count);
        var differing = lines.Item1.Zip(lines.Item2).Where(pair => pair.First != pair.Second).ToList();
        var (line70, line80) = Assert.Single(differing);
        Assert.Equal(line70.Replace("value: 0.70", "value: 0.80", StringComparison.Ordinal), line80);
    }
}
