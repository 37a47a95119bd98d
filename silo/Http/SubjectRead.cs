using Ledger.Contracts.Persons;
using Ledger.Grains.Settlements;
using Ledger.Silo.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Silo.Http;

/// <summary>
/// The checks of a read of one person or household, made before any grain is called: the id is one
/// (400), the year is one the ledger holds (400), and the subject is registered inside the caller's
/// regions (404 otherwise, the same answer as for one that is not there).
/// </summary>
public static class SubjectRead
{
    /// <summary>The subject's registered persons (the person, or the household's members) and the year asked for, or the problem.</summary>
    public static async Task<(IReadOnlyList<PersonRecord> Persons, int Year, ProblemHttpResult? Problem)> Resolve(
        string id, string field, string missing, int? year, HttpContext context, TimeProvider time,
        Func<string, CancellationToken, Task<IReadOnlyList<PersonRecord>>> find)
    {
        if (SettlementInput.IdProblem(id, field) is { } badId)
        {
            return ([], 0, Problems.From(context, badId));
        }
        var (readYear, badYear) = ReadYear.Resolve(year, time);
        if (badYear is not null)
        {
            return ([], readYear, badYear);
        }
        var persons = await find(id, context.RequestAborted);
        // The scope filter has checked the region already; this guards a move racing the read.
        return persons.Count > 0 && context.Caller().Covers(persons[0].RegionCode)
            ? (persons, readYear, null)
            : ([], readYear, Problems.Field(field, missing, StatusCodes.Status404NotFound));
    }
}
