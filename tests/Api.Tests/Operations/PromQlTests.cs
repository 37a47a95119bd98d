namespace Ledger.Api.Tests.Operations;

public sealed class PromQlTests
{
    [Theory]
    [InlineData("up{job=\"household-ledger\"} == 0", "up")]
    [InlineData("sum(rate(http_server_request_duration_seconds_count{http_response_status_code=\"503\"}[2m])) / sum(rate(http_server_request_duration_seconds_count[2m])) > 0.01",
        "http_server_request_duration_seconds_count")]
    [InlineData("histogram_quantile(0.99, sum by (le, http_route) (rate(http_server_request_duration_seconds_bucket[5m])))", "http_server_request_duration_seconds_bucket")]
    [InlineData("max(ledger_cluster_active_silos) < max(max_over_time(ledger_cluster_active_silos[1h]))", "ledger_cluster_active_silos")]
    [InlineData("min by (instance, check) (ledger_health_ready) == 0 and on (instance) up", "ledger_health_ready up")]
    public void Metric_names_are_told_from_functions_labels_and_keywords(string expression, string names)
    {
        Assert.Equal(names.Split(' ').Order(), PromQl.MetricNames(expression).Order());
    }
}
