using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Ledger.Api.Tests.Operations;

/// <summary>
/// deploy/prometheus/alerts.yml and deploy/grafana/ledger-dashboard.json name only metrics a silo
/// exports (scraped from this very app's /metrics after a settlement), and every alert says where its
/// runbook is in docs/operations.md.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class MonitoringConfigTests(LedgerApiFactory factory)
{
    /// <summary>Written by Prometheus itself for each scrape target, not by the silo.</summary>
    private static readonly HashSet<string> FromPrometheus = ["up"];

    [Fact]
    public async Task Every_metric_the_alerts_and_the_dashboard_name_is_exported()
    {
        var named = AlertRules().SelectMany(rule => PromQl.MetricNames(rule.Expression))
            .Concat(DashboardExpressions().SelectMany(PromQl.MetricNames)).Except(FromPrometheus).ToHashSet();
        Assert.Contains("ledger_settlements_total", named);
        await SettleOneAsync();

        IReadOnlySet<string> exported = new HashSet<string>();
        try
        {
            await Poll.Until(async () => named.IsSubsetOf(exported = await ExportedAsync()),
                "every metric the alerts and dashboard name to be on /metrics (the readiness gauge comes with the first health publication)", 60_000, 200);
        }
        catch (TimeoutException)
        {
            // The assertion below names what is missing, which the timeout cannot.
        }

        Assert.Empty(named.Except(exported));
    }

    [Fact]
    public void Every_alert_has_a_duration_a_severity_and_a_runbook_section_that_exists()
    {
        var sections = File.ReadAllLines(Repository.Path("docs/operations.md")).Where(line => line.StartsWith('#'))
            .Select(line => Anchor(line.TrimStart('#').Trim())).ToHashSet();

        var rules = AlertRules();

        Assert.NotEmpty(rules);
        Assert.All(rules, rule =>
        {
            Assert.Matches("^[0-9]+[smh]$", rule.For);
            Assert.Contains(rule.Severity, new[] { "page", "ticket" });
            Assert.StartsWith("docs/operations.md#", rule.Runbook, StringComparison.Ordinal);
            Assert.True(sections.Contains(rule.Runbook["docs/operations.md#".Length..]), $"{rule.Name}: no section '{rule.Runbook}' in docs/operations.md");
        });
    }

    private sealed record AlertRule(string Name, string Expression, string For, string Severity, string Runbook);

    private static List<AlertRule> AlertRules()
    {
        var yaml = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(Repository.Path("deploy/prometheus/alerts.yml"))))
        {
            yaml.Load(reader);
        }
        var groups = (YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["groups"];
        return groups.Children.Cast<YamlMappingNode>().SelectMany(group => ((YamlSequenceNode)group["rules"]).Children.Cast<YamlMappingNode>())
            .Select(rule => new AlertRule(rule["alert"].ToString(), rule["expr"].ToString(), rule["for"].ToString(),
                ((YamlMappingNode)rule["labels"])["severity"].ToString(), ((YamlMappingNode)rule["annotations"])["runbook"].ToString()))
            .ToList();
    }

    private static IEnumerable<string> DashboardExpressions()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Repository.Path("deploy/grafana/ledger-dashboard.json")));
        return dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray())
            .Select(target => target.GetProperty("expr").GetString()!).ToList();
    }

    private async Task SettleOneAsync()
    {
        var psnNo = Wire.Id("P");
        var feed = factory.Client(LedgerApiFactory.FeedKey);
        await feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"), Wire.PovertyAlleviated)));
        var settled = await feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(Wire.Id("S"), psnNo, 120_000m, 100_000m)));
        Assert.True(settled.IsSuccessStatusCode, await settled.Content.ReadAsStringAsync());
    }

    /// <summary>Every series name on /metrics; a histogram stands for its _bucket, _sum and _count.</summary>
    private async Task<IReadOnlySet<string>> ExportedAsync()
    {
        var text = await factory.Client(LedgerApiFactory.OperatorKey).GetStringAsync("/metrics");
        var names = new HashSet<string>();
        foreach (Match type in TypeLine().Matches(text))
        {
            var name = type.Groups["name"].Value;
            names.Add(name);
            if (type.Groups["type"].Value == "histogram")
            {
                names.UnionWith([name + "_bucket", name + "_sum", name + "_count"]);
            }
        }
        return names;
    }

    /// <summary>A Markdown heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens.</summary>
    private static string Anchor(string heading) =>
        Regex.Replace(heading.ToLowerInvariant(), @"[^\p{L}\p{N} _-]", "").Replace(' ', '-');

    [GeneratedRegex(@"^# TYPE (?<name>\S+) (?<type>\S+)$", RegexOptions.Multiline)]
    private static partial Regex TypeLine();
}
