using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Client.Wire;

namespace Ledger.Bench.Load.Phases;

/// <summary>Registers the synthetic region's persons (PUT /api/persons, one per request); returns persons per second.</summary>
public static class Registration
{
    public static async Task<double> RunAsync(HttpClient http, IReadOnlyList<PersonLine> persons, int connections, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(persons, new ParallelOptions { MaxDegreeOfParallelism = connections, CancellationToken = cancellationToken }, async (person, cancel) =>
        {
            var body = JsonSerializer.SerializeToNode(person, ClientJson.Options)!.AsObject();
            body.Remove("psn_no");
            for (var tries = 1; ; tries++)
            {
                using var content = new StringContent(body.ToJsonString(), new MediaTypeHeaderValue("application/json"));
                using var response = await http.PutAsync($"api/persons/{Uri.EscapeDataString(person.PsnNo)}", content, cancel);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
                if ((int)response.StatusCode < 500 || tries > 20)
                {
                    throw new InvalidOperationException($"registering {person.PsnNo}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancel)}");
                }
                await Task.Delay(200, cancel);
            }
        });
        return persons.Count / clock.Elapsed.TotalSeconds;
    }
}
