using System.Text;
using Ledger.Silo.Http;
using Ledger.Silo.Wire;
using Microsoft.AspNetCore.Http;

namespace Ledger.Api.Tests.Security;

/// <summary>
/// A roll is parsed and validated once per request: what the scope filter read is what the endpoint
/// takes (the same lines, not a second parse), each line refused as the endpoint refuses it.
/// </summary>
public sealed class RegistrationLinesTests
{
    [Fact]
    public void The_lines_a_scope_filter_read_are_the_ones_the_endpoint_takes()
    {
        var good = """{"psn_no":"P-1","region_code":"350102","household_id":"H-1","residence":"rural","insutype":"resident","identities":[]}""";
        var bad = """{"psn_no":"P 2","region_code":"350102","household_id":"H-1","residence":"village","insutype":"resident","identities":[]}""";
        var body = Encoding.UTF8.GetBytes(good + "\n" + bad + "\n");
        var context = new DefaultHttpContext();

        var filtered = RegistrationLines.Of(context, null, body, NdjsonLines.Split(body));
        var taken = RegistrationLines.Of(context, null, body, NdjsonLines.Split(body));

        Assert.Same(filtered, taken);
        Assert.Equal([("P-1", "350102", null), ("P 2", "350102", "psn_no")],
            taken.Select(line => (line.PsnNo, line.Profile?.RegionCode, line.Error?.Field)));
        // Another body (another request's) is read afresh.
        Assert.NotSame(taken, RegistrationLines.Of(context, null, [.. body], NdjsonLines.Split(body)));
    }
}
