using Ledger.Policy.Tests.Properties;

namespace Ledger.Policy.Tests.Loading;

/// <summary>A policy's title names the document as its seed does: a caseworker or auditor looks it up by that name.</summary>
public sealed class TitleTests
{
    [Fact]
    public void Gansu_is_the_work_plan_its_seed_names()
    {
        // 003: 关于印发《甘肃省医疗保障扶贫三年行动工作方案(2018-2020年)》的通知 (甘医保发〔2018〕16号); the national
        // plan it follows is the 医疗保障扶贫三年行动实施方案 (医保发〔2018〕18号).
        var gansu = Assert.Single(Scenario.Catalogue.Policies, policy => policy.Id == "gansu-2018");

        Assert.Equal("甘肃省医疗保障扶贫三年行动工作方案(2018—2020年)", gansu.Title);
    }
}
