using System.Text;

namespace Ledger.Client.WhatIf.Input;

/// <summary>
/// setl_ids compared and hashed as the UTF-8 bytes the replay stores them in, with the ledger's meaning:
/// equal bytes are equal strings, and the order is the ordinal order of the UTF-16 strings
/// (<see cref="Ledger.Policy.Households.SettlementKey"/>).
/// </summary>
internal static class SetlIdBytes
{
    /// <summary>
    /// The first byte of characters from U+E000 up (three-byte forms from 0xEE, four-byte forms from 0xF0).
    /// UTF-8 byte order is code point order, which agrees with UTF-16 ordinal order except between
    /// U+E000–U+FFFF and the supplementary planes (surrogates sort below U+E000): ids with such bytes are
    /// compared as UTF-16.
    /// </summary>
    private const byte OrderMayDiffer = 0xEE;

    public static int CompareOrdinal(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var bytes = left.SequenceCompareTo(right);
        if (bytes == 0 || (left.IndexOfAnyInRange(OrderMayDiffer, byte.MaxValue) < 0 && right.IndexOfAnyInRange(OrderMayDiffer, byte.MaxValue) < 0))
        {
            return bytes;
        }
        Span<char> a = stackalloc char[left.Length];
        Span<char> b = stackalloc char[right.Length];
        return a[..Encoding.UTF8.GetChars(left, a)].SequenceCompareTo(b[..Encoding.UTF8.GetChars(right, b)]);
    }

    public static int Hash(ReadOnlySpan<byte> id)
    {
        var hash = new HashCode();
        hash.AddBytes(id);
        return hash.ToHashCode();
    }
}
