using System.Globalization;
using System.Text;

namespace Ledger.Shared;

/// <summary>
/// The one masking rule for personal data, in the silo's answers and storage and in what the client
/// prints of an answer that came unmasked: enough for a caseworker to
/// recognise a person, not to identify one. It counts text elements (what a reader sees as one
/// character), so a surname outside the Basic Multilingual Plane (a surrogate pair, such as 𠮷) or
/// with a combining mark is kept or hidden whole, never cut in half. Masking a masked value changes nothing.
/// </summary>
public static class Masking
{
    /// <summary>Keeps the family name: 张三丰 → 张**, 𠮷三 → 𠮷*; a one-character name is hidden whole.</summary>
    public static string? Name(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return name;
        }
        var characters = Characters(name);
        return characters.Count == 1 ? "*" : characters[0] + new string('*', characters.Count - 1);
    }

    /// <summary>Keeps the region digits and the last four: 350102199001011234 → 350102********1234.</summary>
    public static string? Certno(string? certno)
    {
        if (string.IsNullOrEmpty(certno))
        {
            return certno;
        }
        var characters = Characters(certno);
        return characters.Count > 10
            ? new StringBuilder().AppendJoin("", characters.Take(6)).Append('*', characters.Count - 10).AppendJoin("", characters.TakeLast(4)).ToString()
            : new string('*', characters.Count);
    }

    private static List<string> Characters(string text)
    {
        var characters = new List<string>(text.Length);
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            characters.Add(elements.GetTextElement());
        }
        return characters;
    }
}
