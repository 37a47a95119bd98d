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

    /// <summary>Where compose's secret puts the operator key for Prometheus (docs/operations.md, "Alerts and dashboards"; DeploymentFilesTests checks compose).</summary>
    private const string MountedKeyFile = "/run/secrets/ledger-operator-key";

    /// <summary>
    /// Scrapes /metrics exactly as deploy/prometheus/prometheus.yml would: its job's path and the
    /// credentials its scrape configuration names (the runbook's key file holding the operator key, a
    /// trailing newline as an editor leaves it), nothing else. Without them every scrape answers 401
    /// and <c>LedgerSiloDown</c> fires for ever.
    /// </summary>
    [Fact]
    public async Task Prometheus_scrapes_metrics_with_the_credentials_its_configuration_names()
    {
        var job = ScrapeJob("household-ledger");
        var path = job.Children.TryGetValue("metrics_path", out var metricsPath) ? metricsPath.ToString() : "/metrics";
        var mounted = new Dictionary<string, string> { [MountedKeyFile] = LedgerApiFactory.OperatorKey + "\n" };
        Assert.Contains(MountedKeyFile, File.ReadAllText(Repository.Path("docs/operations.md")), StringComparison.Ordinal);

        using var anonymous = await factory.Client(null).GetAsync(path);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = PrometheusAuthorization(job, mounted);
        using var scraped = await factory.Client(null).SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.True(scraped.StatusCode == System.Net.HttpStatusCode.OK,
            $"deploy/prometheus/prometheus.yml scrapes {path} with {request.Headers.Authorization?.Scheme ?? "no credentials"}: {(int)scraped.StatusCode}");
        Assert.Contains("# TYPE ", await scraped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The Authorization header Prometheus sends for a scrape job: <c>basic_auth</c> (password or
    /// password_file) or <c>authorization</c> (credentials or credentials_file; type Bearer unless
    /// named). Secret files are read, and trimmed, as Prometheus does; null when the job names none.
    /// </summary>
    private static System.Net.Http.Headers.AuthenticationHeaderValue? PrometheusAuthorization(YamlMappingNode job, Dictionary<string, string> files)
    {
        string Secret(YamlMappingNode node, string inline, string file) =>
            node.Children.TryGetValue(inline, out var value) ? value.ToString()
            : node.Children.TryGetValue(file, out var name)
                ? (files.TryGetValue(name.ToString(), out var text) ? text.Trim() : throw new Xunit.Sdk.XunitException($"prometheus.yml reads {name}, which the runbook does not mount"))
                : "";
        if (job.Children.TryGetValue("basic_auth", out var basic))
        {
            var node = (YamlMappingNode)basic;
            var user = node.Children.TryGetValue("username", out var name) ? name.ToString() : "";
            var pair = System.Text.Encoding.UTF8.GetBytes($"{user}:{Secret(node, "password", "password_file")}");
            return new("Basic", Convert.ToBase64String(pair));
        }
        if (job.Children.TryGetValue("authorization", out var authorization))
        {
            var node = (YamlMappingNode)authorization;
            return new(node.Children.TryGetValue("type", out var type) ? type.ToString() : "Bearer", Secret(node, "credentials", "credentials_file"));
        }
        return null;
    }

    private static YamlMappingNode ScrapeJob(string name)
    {
        var yaml = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(Repository.Path("deploy/prometheus/prometheus.yml"))))
        {
            yaml.Load(reader);
        }
        var jobs = (YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["scrape_configs"];
        return jobs.Children.Cast<YamlMappingNode>().Single(job => job["job_name"].ToString() == name);
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

    /// <summary>
    /// A check that only degrades readiness (the silo stays ready: 200) must not page as "not ready":
    /// LedgerSiloNotReady leaves out exactly those, and each has a ticket alert of its own, on its own metric.
    /// </summary>
    [Fact]
    public void Checks_that_only_degrade_readiness_are_left_out_of_not_ready_and_alerted_on_their_own()
    {
        var rules = AlertRules().ToDictionary(rule => rule.Name);
        var excluded = NotMatchedChecks().Match(rules["LedgerSiloNotReady"].Expression).Groups["checks"].Value.Split('|');

        Assert.Equal(["policy-year", "projections"], excluded.Order(StringComparer.Ordinal));
        Assert.Equal(("ticket", "docs/operations.md#read-projections"), (rules["LedgerProjectionsBehind"].Severity, rules["LedgerProjectionsBehind"].Runbook));
        Assert.Contains("ledger_health_ready{check=\"projections\"}", rules["LedgerProjectionsBehind"].Expression, StringComparison.Ordinal);
        var figures = rules["LedgerPolicyYearFiguresMissing"];
        Assert.Equal(("ticket", "docs/operations.md#policy-figures-missing", "ledger_policy_regions_lacking_figures"),
            (figures.Severity, figures.Runbook, string.Join(" ", PromQl.MetricNames(figures.Expression))));
    }

    [GeneratedRegex(@"ledger_health_ready\{check!~""(?<checks>[^""]+)""\}")]
    private static partial Regex NotMatchedChecks();

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
