using Ledger.Contracts;
using Ledger.Contracts.Persons;
using Ledger.Grains.Privacy;
using Ledger.Grains.Settlements;
using Ledger.Silo.Security;

namespace Ledger.Silo.Apis;

/// <summary>Persons and identities: registered by the identity feeds, read by caseworkers and operators.</summary>
public static class PersonsApi
{
    public const long BodyBytesMax = 64 * 1024;

    /// <summary>Registrations: the identity feeds' group.</summary>
    public static RouteGroupBuilder MapPersonWrites(this RouteGroupBuilder api)
    {
        api.MapPut("/persons/{psnNo}", Put).WithName("PutPerson").WithSummary("Register or replace a person's profile and identities");
        return api;
    }

    /// <summary>Reads: the caseworkers' and operators' group.</summary>
    public static RouteGroupBuilder MapPersonReads(this RouteGroupBuilder api)
    {
        api.MapGet("/persons/{psnNo}", Get).WithName("GetPerson").WithSummary("A person's identities, year totals and open thresholds");
        return api;
    }

    private static async Task<IResult> Put(string psnNo, HttpContext context, IGrainFactory grains, SettlementRouter router, PersonalDataProtector protector)
    {
        if (SettlementInput.IdProblem(psnNo, "psn_no") is { } badId)
        {
            return Problems.From(badId);
        }
        if (BodyFormats.Of(context.Request.ContentType) != BodyFormat.Json)
        {
            return Problems.Field("content-type", "must be application/json", StatusCodes.Status415UnsupportedMediaType);
        }
        var body = await RequestBody.Read(context, BodyBytesMax);
        if (body is null)
        {
            return Problems.Field("body", $"must be at most {BodyBytesMax} bytes", StatusCodes.Status413PayloadTooLarge);
        }
        var (profile, error) = WireJson.Parse<PersonProfile>(body);
        if (profile is null)
        {
            return Problems.From(error!);
        }
        var result = await grains.Person(psnNo).Register(protector.Protect(profile));
        if (result.Error is { } refused)
        {
            return Problems.From(refused);
        }
        // The person's settlements can go to the household directly from the first one on.
        router.Remember(psnNo, result.Person!.HouseholdId);
        return TypedResults.Ok(result.Person);
    }

    private static async Task<IResult> Get(string psnNo, int? year, HttpContext context, IGrainFactory grains, TimeProvider time)
    {
        if (SettlementInput.IdProblem(psnNo, "psn_no") is { } badId)
        {
            return Problems.From(badId);
        }
        var (readYear, badYear) = ReadYear.Resolve(year, time);
        if (badYear is not null)
        {
            return badYear;
        }
        var person = await grains.Person(psnNo).Get(readYear);
        if (person is null)
        {
            return Problems.Field("psn_no", "no person is registered with this number", StatusCodes.Status404NotFound);
        }
        // The scope was checked against the region directory before; this guards a move racing the read.
        return context.Caller().Covers(person.RegionCode) ? TypedResults.Ok(person) : Problems.Field("psn_no", "no person is registered with this number", StatusCodes.Status404NotFound);
    }
}
