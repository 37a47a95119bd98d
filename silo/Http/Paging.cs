using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Silo.Http;

/// <summary>Paged reads: page from 1, page_size bounded.</summary>
public static class Paging
{
    public const int PageSizeDefault = 50;

    public const int PageSizeMax = 500;

    public static ProblemHttpResult? Problem(int? page, int? pageSize) =>
        page is < 1 ? Problems.Field("page", "must be 1 or more")
        : pageSize is < 1 or > PageSizeMax ? Problems.Field("page_size", $"must be from 1 to {PageSizeMax}")
        : null;
}
