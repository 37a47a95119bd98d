using Ledger.Contracts.Persons;
using Ledger.Grains.Privacy;

namespace Ledger.Silo.Security;

/// <summary>
/// <c>Ledger:PersonalData</c>: the HMAC keys personal data is hashed with. <c>Keys</c> maps key ids to
/// base64 keys of at least 32 bytes; <c>CurrentKeyId</c> names the one new values use (the others stay
/// for looking up values hashed before a rotation). The PostgreSQL mode refuses to start without them;
/// the embedded mode, whose data dies with it, uses a random key of its own.
/// </summary>
public sealed class PersonalDataOptions
{
    public const string Section = "Ledger:PersonalData";

    public string? CurrentKeyId { get; set; }

    public Dictionary<string, string> Keys { get; set; } = [];
}

public static class PersonalDataAtRest
{
    public static IServiceCollection AddPersonalDataProtection(this IServiceCollection services, IConfiguration configuration, bool durable)
    {
        var options = configuration.GetSection(PersonalDataOptions.Section).Get<PersonalDataOptions>() ?? new PersonalDataOptions();
        services.AddSingleton(Protector(options, durable));
        return services;
    }

    public static PersonalDataProtector Protector(PersonalDataOptions options, bool durable)
    {
        if (options.CurrentKeyId is null && options.Keys.Count == 0)
        {
            return durable
                ? throw new Hosting.StartupRefusedException($"{PersonalDataOptions.Section}: PostgreSQL mode needs CurrentKeyId and Keys:<id> (base64, at least {PersonalDataProtector.KeyBytesMin} bytes) to hash names and ID-card numbers")
                : PersonalDataProtector.Ephemeral();
        }
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (id, text) in options.Keys)
        {
            try
            {
                keys[id] = Convert.FromBase64String(text);
            }
            catch (FormatException)
            {
                throw new Hosting.StartupRefusedException($"{PersonalDataOptions.Section}:Keys:{id} is not base64");
            }
        }
        try
        {
            return new PersonalDataProtector(options.CurrentKeyId ?? "", keys);
        }
        catch (ArgumentException problem)
        {
            throw new Hosting.StartupRefusedException($"{PersonalDataOptions.Section}: {problem.Message.Split(" (Parameter", 2)[0]}");
        }
    }

    /// <summary>The profile as it may be stored: name and ID-card number masked, with their keyed hashes.</summary>
    public static PersonProfile Protect(this PersonalDataProtector protector, PersonProfile profile)
    {
        var name = protector.Name(profile.PsnName);
        var certno = protector.Certno(profile.Certno);
        return profile with { PsnName = name?.Masked, PsnNameHash = name?.Hash, Certno = certno?.Masked, CertnoHash = certno?.Hash };
    }
}
