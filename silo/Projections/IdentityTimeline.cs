using System.Globalization;
using Ledger.Policy.Domain;

namespace Ledger.Silo.Projections;

/// <summary>
/// A person's dated identities as the projections keep them (one text per person, the latest identity
/// change's): the month-end report reads the identities held on a month's last day from it, so a
/// back-dated identity shows in the months it covers.
/// </summary>
public static class IdentityTimeline
{
    private const string Open = "-";

    /// <summary>"identity begin end" per period (the identity as its flag's number, an open end as "-"), ';'-separated.</summary>
    public static string Encode(IEnumerable<IdentityPeriod> periods) => string.Join(';', periods.Select(period => string.Join(' ',
        ((int)period.Identity).ToString(CultureInfo.InvariantCulture), Date(period.Begin), period.End is { } end ? Date(end) : Open)));

    /// <summary>The codes of the identities valid on <paramref name="date"/>, space-separated in declaration order.</summary>
    public static string On(string encoded, DateOnly date)
    {
        var held = Identities.None;
        foreach (var text in encoded.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = text.Split(' ');
            var period = new IdentityPeriod((Identities)int.Parse(parts[0], CultureInfo.InvariantCulture), Parse(parts[1]),
                parts[2] == Open ? null : Parse(parts[2]));
            held |= period.IsValidOn(date) ? period.Identity : Identities.None;
        }
        return string.Join(' ', IdentityCodes.ToCodes(held));
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Parse(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
