using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Silo.Http;

/// <summary>Paged reads: page from 1, page_size bounded; a page past the last is empty, however far past.</summary>
public static class Paging
{
    public const int PageSizeDefault = 50;

    public const int PageSizeMax = 500;

    public static ProblemHttpResult? Problem(int? page, int? pageSize) =>
        page is < 1 ? Problems.Field("page", "must be 1 or more")
        : pageSize is < 1 or > PageSizeMax ? Problems.Field("page_size", $"must be from 1 to {PageSizeMax}")
        : null;

    /// <summary>How many items precede the page: in 64 bits, as page times page_size overflows an int long before page does.</summary>
    public static long Offset(int page, int pageSize) => (long)(page - 1) * pageSize;

    /// <summary>The page's items of an ordered sequence: none when the page starts past its end.</summary>
    public static IEnumerable<T> Slice<T>(IEnumerable<T> ordered, int page, int pageSize) =>
        Offset(page, pageSize) is var offset and <= int.MaxValue ? ordered.Skip((int)offset).Take(pageSize) : [];
}
