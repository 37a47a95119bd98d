using Ledger.Contracts;
using Ledger.Contracts.Households;
using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;
using Ledger.Grains;
using Ledger.Grains.Households;
using Ledger.Grains.Journal;
using Ledger.Grains.Persons;
using Ledger.Grains.Privacy;
using Ledger.Grains.Settlements;
using Ledger.Policy.Domain;
using Ledger.Silo.Http;
using Ledger.Silo.Routing;
using Ledger.Silo.Security;
using Ledger.Silo.Wire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Silo.Apis;

/// <summary>Persons and identities: registered by the identity feeds, read by caseworkers and operators.</summary>
public static class PersonsApi
{
    public const long BodyBytesMax = 64 * 1024;

    /// <summary>Lines one bulk registration may carry (API.md).</summary>
    public const int BatchLinesMax = WireLimits.BatchLinesMax;

    /// <summary>Registrations: the identity feeds' group.</summary>
    public static RouteGroupBuilder MapPersonWrites(this RouteGroupBuilder api)
    {
        api.MapPut("/persons/{psnNo}", Put).WithName("PutPerson").AddEndpointFilter(ContentTypeFilter.Json).WithSummary("Register or replace a person's profile and identities")
            // 409: a move or an identity change the ledger cannot apply (another region, a full household, a closed year).
            .Refuses(StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);
        api.MapPost("/persons", PostBatch).WithName("PostPersons").AddEndpointFilter(ContentTypeFilter.Ndjson)
            .WithSummary("Register a roll of persons (application/x-ndjson: one PUT body plus psn_no per line, one answer line each)")
            // A line's own refusal is inside the 200, on its line; a roll whose every line is "unavailable" answers 503.
            .Refuses(StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);
        return api;
    }

    /// <summary>Reads: the caseworkers' and operators' group.</summary>
    public static RouteGroupBuilder MapPersonReads(this RouteGroupBuilder api)
    {
        api.MapGet("/persons/{psnNo}", Get).WithName("GetPerson").WithSummary("A person's identities, year totals and open thresholds")
            .Refuses(StatusCodes.Status404NotFound);
        api.MapGet("/persons/{psnNo}/settlements", History).WithName("GetPersonSettlements")
            .WithSummary("The journal entries behind a person's year totals, in settlement-time order, paged")
            .Refuses(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<PersonView>, ProblemHttpResult>> Put(
        string psnNo, HttpContext context, SettlementRouter router, IGrainFactory grains, PersonalDataProtector protector, TimeProvider time)
    {
        if (await RequestBody.Read(context, BodyBytesMax) is not { } body)
        {
            return RequestBody.TooLarge(BodyBytesMax);
        }
        // Read once (a scoped key's filter may have read it already); a malformed psn_no is named with the body's bad fields.
        var (_, profile, error) = RegistrationLines.Of(context, psnNo, body, [body])[0];
        if (error is not null)
        {
            return Problems.From(context, error);
        }
        // Name and ID-card number are masked and hashed here, before anything sees them.
        var person = PersonRecords.Of(psnNo, PersonRecords.HouseholdOf(psnNo, profile!), protector.Protect(profile!));
        var outcome = (await Remembered(router, [person], grains.Register))[0];
        if (outcome.Error is { } refused)
        {
            return Problems.From(context, refused);
        }
        var year = ChinaTime.Date(time.GetUtcNow()).Year;
        var member = await grains.Household(person.HouseholdId).GetMember(psnNo, year);
        return TypedResults.Ok(View(person, member, year) with { Adjustments = outcome.Adjustments });
    }

    private static async Task<Results<NdjsonResult<RegistrationOutcome, RegistrationAnswer>, ProblemHttpResult>> PostBatch(
        HttpContext context, SettlementRouter router, IGrainFactory grains, IJournal journal, TimeProvider time, PersonalDataProtector protector, ClusterUpgrade upgrade,
        Hosting.OperationsMetrics metrics, ILoggerFactory loggers)
    {
        if (await RequestBody.Read(context, SettlementsApi.BatchBodyBytesMax) is not { } body)
        {
            return RequestBody.TooLarge(SettlementsApi.BatchBodyBytesMax);
        }
        var lines = NdjsonLines.Split(body);
        if (lines.Count > BatchLinesMax)
        {
            return Problems.Field("body", $"a batch carries at most {BatchLinesMax} lines, this one {lines.Count}", StatusCodes.Status413PayloadTooLarge);
        }
        var answers = new RegistrationOutcome[lines.Count];
        var valid = new List<(int Line, PersonRecord Person)>(lines.Count);
        // Read once: a scoped key's filter may have read them already.
        var read = RegistrationLines.Of(context, null, body, lines);
        for (var i = 0; i < lines.Count; i++)
        {
            var (psnNo, profile, error) = read[i];
            if (error is not null)
            {
                answers[i] = RegistrationOutcome.Rejected(psnNo, error);
                continue;
            }
            valid.Add((i, PersonRecords.Of(psnNo, PersonRecords.HouseholdOf(psnNo, profile!), protector.Protect(profile!))));
        }
        // A roll: its new households are written without activating a grain each, once no silo of an earlier release runs.
        var outcomes = await Remembered(router, [.. valid.Select(item => item.Person)],
            persons => upgrade.RollGoesThroughGrains(persons.Count) ? grains.Register(persons) : grains.Register(journal, time, persons));
        for (var i = 0; i < valid.Count; i++)
        {
            answers[valid[i].Line] = outcomes[i];
        }
        // As a settlement batch: a roll the ledger could take none of now answers 503, not a 200 to be resent line by line.
        if (UnavailableLines.Refusal(context, UnavailableLines.Persons, [.. answers.Select(answer => answer.Error)], metrics,
                loggers.CreateLogger(typeof(PersonsApi))) is { } unavailable)
        {
            return unavailable;
        }
        return new NdjsonResult<RegistrationOutcome, RegistrationAnswer>(answers, RegistrationAnswer.From);
    }

    private static async Task<Results<Ok<PersonView>, ProblemHttpResult>> Get(string psnNo, int? year, HttpContext context, IJournal journal, IGrainFactory grains, TimeProvider time)
    {
        var (person, readYear, problem) = await Readable(psnNo, year, context, journal, time);
        if (problem is not null)
        {
            return problem;
        }
        var householdId = person!.HouseholdId;
        var member = await TransientRetry.RunAsync(() => grains.Household(householdId).GetMember(psnNo, readYear));
        return TypedResults.Ok(View(person, member, readYear));
    }

    private static async Task<Results<Ok<HistoryPage>, ProblemHttpResult>> History(
        string psnNo, int? year, int? page, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page_size")] int? pageSize, HttpContext context,
        IJournal journal, TimeProvider time)
    {
        var (_, readYear, problem) = await Readable(psnNo, year, context, journal, time);
        if (problem is not null)
        {
            return problem;
        }
        if (Paging.Problem(page, pageSize) is { } badPage)
        {
            return badPage;
        }
        var entries = await journal.ReadPersons([psnNo], readYear, readYear, cancellationToken: context.RequestAborted);
        return TypedResults.Ok(HistoryPage.Of(readYear, entries, page ?? 1, pageSize ?? Paging.PageSizeDefault));
    }

    /// <summary>Registers; the settlements of those registered then go to their household directly from the first one on.</summary>
    private static async Task<RegistrationOutcome[]> Remembered(
        SettlementRouter router, IReadOnlyList<PersonRecord> persons, Func<IReadOnlyList<PersonRecord>, Task<RegistrationOutcome[]>> register)
    {
        var outcomes = await register(persons);
        for (var i = 0; i < persons.Count; i++)
        {
            if (outcomes[i].Status is RegistrationStatus.Registered or RegistrationStatus.Unchanged)
            {
                router.Remember(persons[i].PsnNo, persons[i].HouseholdId);
            }
        }
        return outcomes;
    }

    /// <summary>The registered person if the caller may read it (checked before any grain is called), and the year asked for.</summary>
    private static async Task<(PersonRecord? Person, int Year, ProblemHttpResult? Problem)> Readable(
        string psnNo, int? year, HttpContext context, IJournal journal, TimeProvider time)
    {
        var (found, readYear, problem) = await SubjectRead.Resolve(psnNo, "psn_no", "no person is registered with this number", year, context, time,
            async (id, cancel) => await journal.FindPerson(id, cancel) is { } person ? [person] : []);
        return (found.FirstOrDefault(), readYear, problem);
    }

    private static PersonView View(PersonRecord person, MemberYearView? member, int year) => new()
    {
        PsnNo = person.PsnNo, HouseholdId = person.HouseholdId, RegionCode = person.RegionCode, Residence = person.Residence,
        Insutype = person.Insutype, Identities = person.Identities, Year = year, Totals = member?.Totals ?? TotalsView.Empty,
        Thresholds = member?.Thresholds ?? [], PsnName = person.PsnNameMasked, Certno = person.CertnoMasked,
    };
}
