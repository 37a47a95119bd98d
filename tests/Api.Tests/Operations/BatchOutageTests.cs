using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using System.Text.Json;
using Ledger.Grains;
using Ledger.Grains.Journal;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests.Operations;

/// <summary>
/// Both NDJSON batch endpoints while the journal cannot be written: when every line is "unavailable,
/// resend", the whole batch answers 503 with Retry-After (a feed that takes a 200 as final would drop a
/// roll answered 200 with every line refused for now), and the lines are counted by the same metric.
/// </summary>
public sealed class BatchOutageTests(BatchOutageTests.OutageApiFactory factory) : IClassFixture<BatchOutageTests.OutageApiFactory>
{
    [Fact]
    public async Task With_the_journal_down_a_roll_and_a_settlement_batch_answer_503_with_Retry_After_and_count_their_lines()
    {
        var feed = factory.Client(LedgerApiFactory.FeedKey);
        var registered = Wire.Id("P");
        Assert.Equal(HttpStatusCode.OK, (await feed.PutAsync($"/api/persons/{registered}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"))))).StatusCode);
        using var lines = new UnavailableLines(factory.Services.GetRequiredService<IMeterFactory>());
        factory.Journal.Down = true;
        try
        {
            var roll = await feed.PostAsync("/api/persons", new StringContent(Roll(Wire.Id("P"), Wire.Id("P")), Encoding.UTF8, "application/x-ndjson"));
            var batch = await feed.PostAsync("/api/settlements",
                LedgerApiFactory.Ndjson(Wire.Settlement(Wire.Id("S"), registered, 100m, 100m), Wire.Settlement(Wire.Id("S"), registered, 200m, 200m)));

            foreach (var answer in new[] { roll, batch })
            {
                var text = await answer.Content.ReadAsStringAsync();
                Assert.True(answer.StatusCode == HttpStatusCode.ServiceUnavailable, $"{answer.RequestMessage!.RequestUri} answered {(int)answer.StatusCode}:\n{text}");
                Assert.Equal(("application/problem+json", TimeSpan.FromSeconds(1), 503),
                    (answer.Content.Headers.ContentType?.MediaType, answer.Headers.RetryAfter?.Delta, JsonDocument.Parse(text).RootElement.GetProperty("status").GetInt32()));
            }
            Assert.Equal([("persons", 2L), ("settlements", 2L)], lines.ByBatch());
        }
        finally
        {
            factory.Journal.Down = false;
        }
    }

    /// <summary>A roll of new persons, each in a household of its own.</summary>
    private static string Roll(params string[] psnNos) =>
        string.Concat(psnNos.Select(psnNo => $$"""{"psn_no":"{{psnNo}}",""" + Wire.Person(Wire.Id("H")).ReplaceLineEndings("").TrimStart()[1..] + "\n"));

    /// <summary>The silo app whose journal refuses every append while <see cref="DownJournal.Down"/>, as a database outage would.</summary>
    public sealed class OutageApiFactory : LedgerApiFactory
    {
        public DownJournal Journal => Services.GetRequiredService<DownJournal>();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton(provider => new DownJournal(new InMemoryJournal(provider.GetRequiredService<JournalFanOut>(), provider.GetRequiredService<LedgerMetrics>())));
                services.AddSingleton<IJournal>(provider => provider.GetRequiredService<DownJournal>());
            });
        }
    }

    public sealed class DownJournal(IJournal inner) : DelegatingJournal(inner)
    {
        public volatile bool Down;

        public override Task<AppendOutcome> Append(JournalAppend append, CancellationToken cancellationToken = default) =>
            Down ? Task.FromException<AppendOutcome>(new TimeoutException("journal unreachable (test outage)")) : base.Append(append, cancellationToken);
    }

    /// <summary>What this app's <c>ledger.api.unavailable_lines</c> counted, per batch endpoint.</summary>
    private sealed class UnavailableLines : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _counted = new(StringComparer.Ordinal);

        public UnavailableLines(IMeterFactory meters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                // This app's meter only: the other test apps of the run publish theirs in the same process.
                if (instrument.Name == "ledger.api.unavailable_lines" && ReferenceEquals(instrument.Meter.Scope, meters))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, lines, tags, _) =>
            {
                var batch = "";
                foreach (var tag in tags)
                {
                    batch = tag.Key == "batch" ? tag.Value as string ?? "" : batch;
                }
                lock (_counted)
                {
                    _counted[batch] = _counted.GetValueOrDefault(batch) + lines;
                }
            });
            _listener.Start();
        }

        public IReadOnlyList<(string Batch, long Lines)> ByBatch()
        {
            lock (_counted)
            {
                return [.. _counted.Where(pair => pair.Value != 0).OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => (pair.Key, pair.Value))];
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
