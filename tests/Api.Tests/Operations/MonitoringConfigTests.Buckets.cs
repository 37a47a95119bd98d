using System.Globalization;
using System.Text.RegularExpressions;

namespace Ledger.Api.Tests.Operations;

public sealed partial class MonitoringConfigTests
{
    /// <summary>
    /// An alert on a histogram's quantile is only as fine as the histogram's buckets: with the SDK's
    /// millisecond defaults on a metric in seconds, every commit fell in the bucket (0, 5] and the
    /// journal's p99 read 4.95 s, so its 0.5 s alert fired under any traffic. Each threshold must be a
    /// bucket boundary the silo exports.
    /// </summary>
    [Fact]
    public async Task Every_quantile_alert_threshold_is_a_bucket_boundary_of_its_histogram()
    {
        var thresholds = AlertRules().Select(rule => QuantileAlert().Match(rule.Expression)).Where(match => match.Success)
            .Select(match => (Bucket: match.Groups["bucket"].Value, Threshold: double.Parse(match.Groups["threshold"].Value, CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Contains(thresholds, alert => alert.Bucket == "ledger_journal_append_duration_seconds_bucket");
        Assert.Contains(thresholds, alert => alert.Bucket == "ledger_projector_lag_seconds_bucket");
        await SettleOneAsync();

        var text = "";
        await Poll.Until(async () => (text = await factory.Client(LedgerApiFactory.OperatorKey).GetStringAsync("/metrics"))
                .Contains("ledger_projector_lag_seconds_bucket", StringComparison.Ordinal),
            "the projector's lag histogram on /metrics after a settlement", 60_000, 200);

        foreach (var (bucket, threshold) in thresholds)
        {
            var boundaries = BucketBoundary().Matches(text).Where(line => line.Groups["name"].Value == bucket)
                .Select(line => line.Groups["le"].Value).Distinct().ToList();
            Assert.True(boundaries.Contains(threshold.ToString(CultureInfo.InvariantCulture)),
                $"{bucket}: threshold {threshold} is not among the boundaries {string.Join(", ", boundaries)}");
        }
    }

    [GeneratedRegex(@"histogram_quantile\([^,]+,.*?(?<bucket>[a-z_]+_bucket)\b.*\)\s*>\s*(?<threshold>[0-9.]+)", RegexOptions.Singleline)]
    private static partial Regex QuantileAlert();

    [GeneratedRegex(@"^(?<name>[a-z_]+_bucket)\{[^}]*le=""(?<le>[^""]+)""\}", RegexOptions.Multiline)]
    private static partial Regex BucketBoundary();
}
