using System.Text;
using Ledger.Grains.Privacy;
using Ledger.Shared;

namespace Ledger.Api.Tests.Security;

/// <summary>The protector: masks counted in characters as read, hashes keyed, rotatable, normalised.</summary>
public sealed class PersonalDataTests
{
    private static readonly byte[] KeyOne = Encoding.ASCII.GetBytes("0123456789abcdef0123456789abcdef");
    private static readonly byte[] KeyTwo = Encoding.ASCII.GetBytes("fedcba9876543210fedcba9876543210");

    [Theory]
    [InlineData("张三丰", "张**")]
    [InlineData("𠮷野家", "𠮷**")]
    [InlineData("𠮷", "*")]
    [InlineData("e\u0301lise", "e\u0301****")]
    [InlineData("张**", "张**")]
    public void Names_keep_their_first_character_whole(string name, string masked) => Assert.Equal(masked, Masking.Name(name));

    [Theory]
    [InlineData("350102199001011234", "350102********1234")]
    [InlineData("35010219900101123X", "350102********123X")]
    [InlineData("350102********1234", "350102********1234")]
    [InlineData("12345", "*****")]
    public void Certnos_keep_region_and_last_four(string certno, string masked) => Assert.Equal(masked, Masking.Certno(certno));

    [Fact]
    public void A_value_is_stored_as_mask_and_keyed_hash_and_found_again_across_a_key_rotation()
    {
        var before = new PersonalDataProtector("k1", new Dictionary<string, byte[]> { ["k1"] = KeyOne });
        var after = new PersonalDataProtector("k2", new Dictionary<string, byte[]> { ["k1"] = KeyOne, ["k2"] = KeyTwo });

        var stored = before.Certno("35010219900101123x")!;

        Assert.Equal("350102********123x", stored.Masked);
        Assert.StartsWith("k1:", stored.Hash, StringComparison.Ordinal);
        Assert.DoesNotContain("350102199001011", stored.Hash, StringComparison.Ordinal);
        Assert.True(after.Matches(stored.Hash, PersonalDataProtector.Field.Certno, "35010219900101123X"));
        Assert.False(after.Matches(stored.Hash, PersonalDataProtector.Field.Certno, "350102199001011230"));
        Assert.False(after.Matches(stored.Hash, PersonalDataProtector.Field.Name, "35010219900101123X"));
        Assert.True(after.IsStale(stored.Hash));
        Assert.NotEqual(stored.Hash[3..], after.Certno("35010219900101123X")!.Hash[3..]);
        Assert.Equal(before.Name("张三丰")!.Hash, before.Name(" 张三丰 ")!.Hash);
    }

    [Fact]
    public void Short_keys_and_a_current_key_that_is_not_there_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new PersonalDataProtector("k1", new Dictionary<string, byte[]> { ["k1"] = new byte[16] }));
        Assert.Throws<ArgumentException>(() => new PersonalDataProtector("k3", new Dictionary<string, byte[]> { ["k1"] = KeyOne }));
    }
}
