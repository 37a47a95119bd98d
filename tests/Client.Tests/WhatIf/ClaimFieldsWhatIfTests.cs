namespace Ledger.Client.Tests.WhatIf;

/// <summary>
/// A what-if replays each settlement as the ledger computed it, so its "before" column is what the
/// ledger paid: that includes the fields beyond API v1 a settlement may carry (a referral, where the
/// hospital is, what other payers paid), from a feed file and from a journal export alike.
/// Under the golden case's Fujian baseline (2024 settlements, the 2023 figures), all of them rural:
/// - F-1, dibao, first an inpatient level-1 stay, 2 000 in scope: basic (2 000 − 200) × 70 % = 1 260.00,
///   assistance 70 % of 740 = 518.00 (80 % after: 592.00); then inpatient level 3, 10 000 in scope, referred,
///   treated in 福州 (350102): inside the province the referral continues the deductible (000 二(三)16), so
///   it pays the 1 000 less the 200 already paid: basic (10 000 − 800) × 70 % = 6 440.00; critical 0 (base
///   740 + 3 560 is under the tilted 11 356.50); assistance 70 % of 3 560 = 2 492.00 (80 %: 2 848.00).
/// - F-2, the same referred bill and identity on its own, treated in 成都 (510107), outside the province:
///   basic (10 000 − 1 000) × 70 % = 6 300.00; assistance 70 % of 3 700 = 2 590.00 (80 %: 2 960.00).
/// - F-3, no identity, outpatient level 1, 1 000 in scope, with 200.00 reported as oth_pay: basic 50 %
///   = 500.00, then the 200.00 recorded as given (supplementary_pay), self-pay 300.00.
/// </summary>
public sealed class ClaimFieldsWhatIfTests
{
    private const string Persons = """
        {"psn_no":"F-1","region_code":"350102","household_id":"FH1","residence":"rural","insutype":"resident","identities":[{"type":"dibao","begin":"2021-01-01","end":null}]}
        {"psn_no":"F-2","region_code":"350102","household_id":"FH2","residence":"rural","insutype":"resident","identities":[{"type":"dibao","begin":"2021-01-01","end":null}]}
        {"psn_no":"F-3","region_code":"350102","household_id":"FH3","residence":"rural","insutype":"resident","identities":[]}
        """;

    private const string Feed = """
        setl_id,psn_no,setl_time,med_type,hosp_lv,medfee_sumamt,inscp_scp_amt,oth_pay,refl_setl_flag,mdtrtarea_admvs
        FS-0,F-1,2024-03-01 09:00:00,21,1,2000.00,2000.00,,0,
        FS-1,F-1,2024-03-10 09:00:00,21,3,10000.00,10000.00,,1,350102
        FS-2,F-2,2024-03-11 09:00:00,21,3,10000.00,10000.00,,1,510107
        FS-3,F-3,2024-03-12 09:00:00,11,1,1000.00,1000.00,200.00,0,
        """;

    private static readonly string[] Journal =
    [
        Recorded(1, "FS-0", "F-1", "FH1", "2024-03-01T09:00:00+08:00", "21", 1, "2000.00", "null", "\"0\"", "null", """["dibao"]"""),
        Recorded(2, "FS-1", "F-1", "FH1", "2024-03-10T09:00:00+08:00", "21", 3, "10000.00", "null", "\"1\"", "\"350102\"", """["dibao"]"""),
        Recorded(3, "FS-2", "F-2", "FH2", "2024-03-11T09:00:00+08:00", "21", 3, "10000.00", "null", "\"1\"", "\"510107\"", """["dibao"]"""),
        Recorded(4, "FS-3", "F-3", "FH3", "2024-03-12T09:00:00+08:00", "11", 1, "1000.00", "200.00", "\"0\"", "null", "[]"),
    ];

    [Fact]
    public async Task A_feed_replays_referral_treatment_area_and_other_payments_as_the_ledger_computed_them()
    {
        using var runner = new WhatIfRunner();

        var exit = await WhatIf(runner, "--feed", runner.File("settlements.csv", Feed), "--persons", runner.File("persons.ndjson", Persons));

        Assert.True(exit == 0, runner.Error);
        AssertTotals(runner);
    }

    [Fact]
    public async Task A_journal_export_replays_referral_treatment_area_and_other_payments_as_the_ledger_computed_them()
    {
        using var runner = new WhatIfRunner();

        var exit = await WhatIf(runner, "--journal", runner.File("journal.ndjson", string.Join('\n', Journal) + "\n"));

        Assert.True(exit == 0, runner.Error);
        AssertTotals(runner);
    }

    private static Task<int> WhatIf(WhatIfRunner runner, params string[] source) =>
        runner.RunAsync(["what-if", "--baseline", Path.Combine(WhatIfRunner.AssistanceCase, "baseline"),
            "--changed", Path.Combine(WhatIfRunner.AssistanceCase, "changed.yaml"), .. source, "--out", runner.Path("out")]);

    private static void AssertTotals(WhatIfRunner runner)
    {
        var rows = WhatIfRunner.CsvRows(runner.Path("out"));
        Assert.Equal(("3501", "", ""), WhatIfRunner.Row(rows, "report", "", "", "region"));
        Assert.Equal(("23000.00", "23000.00", "0.00"), WhatIfRunner.Row(rows, "total", "", "", "medfee_sumamt"));
        Assert.Equal(("14500.00", "14500.00", "0.00"), WhatIfRunner.Row(rows, "total", "", "", "hifp_pay"));
        Assert.Equal(("0.00", "0.00", "0.00"), WhatIfRunner.Row(rows, "total", "", "", "hifmi_pay"));
        Assert.Equal(("5600.00", "6400.00", "800.00"), WhatIfRunner.Row(rows, "total", "", "", "maf_pay"));
        Assert.Equal(("200.00", "200.00", "0.00"), WhatIfRunner.Row(rows, "total", "", "", "supplementary_pay"));
        Assert.Equal(("2700.00", "1900.00", "-800.00"), WhatIfRunner.Row(rows, "total", "", "", "psn_part_amt"));
        Assert.Equal(("4", "4", "0"), WhatIfRunner.Row(rows, "total", "", "", "settlement_count"));
    }

    private static string Recorded(long position, string setlId, string psnNo, string householdId, string time, string medType, int level,
        string amount, string otherPaid, string referral, string hospitalRegion, string identities) =>
        $$"""{"position":{{position}},"kind":"recorded","setl_id":"{{setlId}}","psn_no":"{{psnNo}}","household_id":"{{householdId}}","region_code":"350102","year":2024,"setl_time":"{{time}}","logged_at":"{{time}}","policy_id":"fujian-2022","claim":{"med_type":"{{medType}}","hosp_lv":{{level}},"medfee_sumamt":{{amount}},"inscp_scp_amt":{{amount}},"fulamt_ownpay_amt":0,"overlmt_selfpay":0,"preselfpay_amt":0,"hifp_pay":null,"hifmi_pay":null,"maf_pay":null,"oth_pay":{{otherPaid}},"refl_setl_flag":{{referral}},"mdtrtarea_admvs":{{hospitalRegion}}},"identities":{{identities}},"residence":"rural","change":{"medfee_sumamt":{{amount}}},"cause":null,"cause_id":null,"events":[]}""";
}
