using System.Text;
using Ledger.Client.WhatIf.Input;

namespace Ledger.Client.Tests.WhatIf;

/// <summary>The what-if orders setl_ids held as UTF-8 exactly as the ledger orders the strings (ordinal UTF-16).</summary>
public sealed class SetlIdBytesTests
{
    public static TheoryData<string, string> Pairs => new()
    {
        { "S0001", "S0002" },
        { "S0001", "S00010" },
        { "S0001", "S0001" },
        { "结算-1", "结算-2" },
        { "S-\uE000", "S-\U00010000" },
        { "S-\uFFFD", "S-\U0001F600" },
        { "S-\uD7FF", "S-\U00010000" },
        { "\U00010000", "\U00010001" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Byte_order_is_the_ordinal_order_of_the_strings(string left, string right)
    {
        var expected = Math.Sign(string.CompareOrdinal(left, right));

        Assert.Equal(expected, Math.Sign(SetlIdBytes.CompareOrdinal(Encoding.UTF8.GetBytes(left), Encoding.UTF8.GetBytes(right))));
        Assert.Equal(-expected, Math.Sign(SetlIdBytes.CompareOrdinal(Encoding.UTF8.GetBytes(right), Encoding.UTF8.GetBytes(left))));
    }

    [Fact]
    public void An_id_above_U_E000_sorts_after_one_in_a_supplementary_plane_as_the_ledger_sorts_it()
    {
        // UTF-8 bytes alone would put U+10000 (F0 90 80 80) after U+E000 (EE 80 80); UTF-16 puts its surrogates first.
        Assert.True(SetlIdBytes.CompareOrdinal(Encoding.UTF8.GetBytes("S-\uE000"), Encoding.UTF8.GetBytes("S-\U00010000")) > 0);
    }
}
