using System.Net;
using System.Text;
using System.Text.Json;
using Ledger.Client.WhatIf.Input;

namespace Ledger.Client.Tests.EndToEnd;

/// <summary>
/// <c>ledger what-if</c> leaves out exactly the persons the API refuses: each line of a roll, one per
/// registration rule, goes to a real silo (<c>POST /api/persons</c>) and through the what-if's reader.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(SiloCollection.Name)]
public sealed class WhatIfPersonsAgreementTests(SiloFixture fixture)
{
    private const string Identity = "{'type':'dibao','begin':'2021-01-01','end':null}";

    /// <summary>Each case: a name, the line's fields after psn_no (' for "), whether the API takes it.</summary>
    private static readonly (string Case, string Fields, bool Accepted)[] Cases =
    [
        ("valid", $"'region_code':'350102','household_id':'H-{{0}}','residence':'rural','insutype':'resident','identities':[{Identity}]", true),
        ("defaults: a household of one, rural, resident, no identities", "'region_code':'350102'", true),
        ("employee, urban", "'region_code':'350102','residence':'urban','insutype':'employee','identities':[]", true),
        ("insutype farmer", "'region_code':'350102','household_id':'H-{0}','insutype':'farmer','identities':[]", false),
        ("household id with a space", "'region_code':'350102','household_id':'GH1 x','identities':[]", false),
        ("household id null", "'region_code':'350102','household_id':null,'identities':[]", false),
        ("33 identities", $"'region_code':'350102','identities':[{string.Join(',', Enumerable.Repeat(Identity, 33))}]", false),
        ("32 identities", $"'region_code':'350102','identities':[{string.Join(',', Enumerable.Repeat(Identity, 32))}]", true),
        ("name of 65 characters", $"'region_code':'350102','psn_name':'{new string('张', 65)}','identities':[]", false),
        ("ID-card number of 65 characters", $"'region_code':'350102','certno':'{new string('1', 65)}','identities':[]", false),
        ("unknown identity", "'region_code':'350102','identities':[{'type':'tekun','begin':'2021-01-01','end':null}]", false),
        ("identity ending before it begins", "'region_code':'350102','identities':[{'type':'dibao','begin':'2021-01-01','end':'2020-12-31'}]", false),
        ("identity null", "'region_code':'350102','identities':[null]", false),
        ("identities null", "'region_code':'350102','identities':null", false),
        ("residence city", "'region_code':'350102','residence':'city','identities':[]", false),
        ("region of four digits", "'region_code':'3501','identities':[]", false),
        ("a field the API does not know", "'region_code':'350102','nickname':'x','identities':[]", false),
    ];

    [Fact]
    public async Task The_what_if_leaves_out_exactly_the_registrations_the_API_refuses()
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        var lines = Cases.Select((item, i) => $"{{\"psn_no\":\"P-AGREE-{run}-{i}\",{item.Fields.Replace("{0}", $"{run}-{i}", StringComparison.Ordinal).Replace('\'', '"')}}}").ToArray();

        using var http = new HttpClient { BaseAddress = fixture.Silo.Url };
        http.DefaultRequestHeaders.Add("X-Api-Key", SiloProcess.FeedKey);
        using var response = await http.PostAsync("api/persons", new StringContent(string.Join('\n', lines) + "\n", Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answers = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(answer => JsonDocument.Parse(answer).RootElement.GetProperty("status").GetString()).ToArray();

        var silo = Cases.Select((item, i) => (item.Case, Accepted: answers[i] != "rejected"));
        var whatIf = Cases.Select((item, i) => (item.Case, Accepted: PersonsFile.Read(Encoding.UTF8.GetBytes(lines[i])).Person is not null));
        Assert.Equal(Cases.Select(item => (item.Case, item.Accepted)), silo);
        Assert.Equal(Cases.Select(item => (item.Case, item.Accepted)), whatIf);
    }
}
