using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Ledger.Grains.Privacy;

/// <summary>A personal value as the ledger keeps it: masked for display, and a keyed hash to find it by.</summary>
public sealed record ProtectedValue(string Masked, string Hash);

/// <summary>
/// Names and ID-card numbers are never stored in clear: each becomes its mask
/// (<see cref="Masking"/>) and an HMAC-SHA256 under a key from configuration, written
/// <c>{key id}:{base64url}</c> so that a value can still be looked up by equality ("is this ID-card
/// number registered?") and the key can be rotated: new values are hashed with the current key, a
/// lookup hashes the candidate with the key each stored hash names, and a stored hash is renewed when
/// its person is registered again. No Orleans here: the persons table calls it as it is.
/// </summary>
public sealed class PersonalDataProtector
{
    /// <summary>HMAC-SHA256 keys shorter than its block's half add no strength and hint at a typo.</summary>
    public const int KeyBytesMin = 32;

    private readonly IReadOnlyDictionary<string, byte[]> _keys;

    /// <summary>
    /// Each thread's HMAC per key, reset after each value instead of set up anew: a roll hashes two
    /// values per person, and setting a key up (the one-shot call does it every time) costs more than
    /// hashing a short value.
    /// </summary>
    private readonly ThreadLocal<Dictionary<string, IncrementalHash>> _macs = new(() => new(StringComparer.Ordinal));

    public PersonalDataProtector(string currentKeyId, IReadOnlyDictionary<string, byte[]> keys)
    {
        if (!keys.TryGetValue(currentKeyId, out var current))
        {
            throw new ArgumentException($"the current key id '{currentKeyId}' is not among the keys", nameof(currentKeyId));
        }
        if (keys.Values.Any(key => key.Length < KeyBytesMin) || current.Length < KeyBytesMin)
        {
            throw new ArgumentException($"every key must be at least {KeyBytesMin} bytes", nameof(keys));
        }
        if (keys.Keys.Any(id => id.Length == 0 || id.Contains(':', StringComparison.Ordinal)))
        {
            throw new ArgumentException("key ids must be non-empty and without ':'", nameof(keys));
        }
        CurrentKeyId = currentKeyId;
        _keys = keys;
    }

    /// <summary>A protector with a fresh random key: for the embedded mode, whose data dies with the process.</summary>
    public static PersonalDataProtector Ephemeral() =>
        new("ephemeral", new Dictionary<string, byte[]> { ["ephemeral"] = RandomNumberGenerator.GetBytes(KeyBytesMin) });

    public string CurrentKeyId { get; }

    public ProtectedValue? Name(string? name) =>
        string.IsNullOrEmpty(name) ? null : new ProtectedValue(Masking.Name(name)!, Hash(Field.Name, name, CurrentKeyId));

    public ProtectedValue? Certno(string? certno) =>
        string.IsNullOrEmpty(certno) ? null : new ProtectedValue(Masking.Certno(certno)!, Hash(Field.Certno, certno, CurrentKeyId));

    /// <summary>Whether <paramref name="candidate"/> is the value behind <paramref name="storedHash"/>, under whichever key it names.</summary>
    public bool Matches(string storedHash, Field field, string candidate)
    {
        var colon = storedHash.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !_keys.ContainsKey(storedHash[..colon]))
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(Hash(field, candidate, storedHash[..colon]));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(storedHash));
    }

    /// <summary>The key ids configured, current and older.</summary>
    public IReadOnlyCollection<string> KeyIds => [.. _keys.Keys];

    /// <summary>
    /// What the key under <paramref name="keyId"/> is, without telling it: the HMAC of a fixed label
    /// under it. Recorded at the key id's first use, it tells a different key under the same id (a
    /// regenerated secret), which would silently stop every stored hash of that id from matching.
    /// </summary>
    public string CheckValue(string keyId) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(_keys[keyId], Encoding.ASCII.GetBytes("ledger personal-data key check v1")));

    /// <summary>Whether a stored hash was made with an older key (its person is due for re-hashing).</summary>
    public bool IsStale(string storedHash) => !storedHash.StartsWith(CurrentKeyId + ":", StringComparison.Ordinal);

    /// <summary>
    /// The field is part of what is hashed, so a name and an ID-card number that happen to be equal
    /// strings do not hash alike; values are normalised the way feeds vary them (Unicode form, case of
    /// the ID-card check digit X, surrounding spaces).
    /// </summary>
    private string Hash(Field field, string value, string keyId)
    {
        var normalised = value.Trim().Normalize(NormalizationForm.FormC);
        if (field == Field.Certno)
        {
            normalised = normalised.ToUpperInvariant();
        }
        var macs = _macs.Value!;
        if (!macs.TryGetValue(keyId, out var hmac))
        {
            macs[keyId] = hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _keys[keyId]);
        }
        hmac.AppendData(Encoding.UTF8.GetBytes($"{field}\u001f{normalised}"));
        return $"{keyId}:{Base64Url.EncodeToString(hmac.GetHashAndReset())}";
    }

    public enum Field
    {
        Name,
        Certno,
    }
}
