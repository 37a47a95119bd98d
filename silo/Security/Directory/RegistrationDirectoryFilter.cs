using Ledger.Contracts.Persons;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Silo.Security.Directory;

/// <summary>
/// Writes each accepted registration's household and region into the <see cref="IRegionDirectory"/>
/// before the feed is answered: a registration acknowledged is one the scope checks know. Should the
/// directory be unreachable the feed gets 503 and resends (registrations are idempotent); until then
/// scoped keys see the person as outside their regions, never inside the wrong one.
/// </summary>
public sealed class RegistrationDirectoryFilter(IRegionDirectory directory) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (result is Ok<PersonView> { Value: { } person })
        {
            await directory.Record(person.PsnNo, person.HouseholdId, person.RegionCode, CancellationToken.None);
        }
        return result;
    }
}
