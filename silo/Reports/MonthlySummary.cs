namespace Ledger.Silo.Reports;

/// <summary>The month-end list's counts per city (4 digits) and status, and their total (<c>format=summary</c>).</summary>
public sealed record MonthlySummary(string RegionCode, string Month, IReadOnlyList<CitySummary> Cities, CitySummary Total);

/// <summary>Rows of one city by status; <see cref="Late"/> counts the late rows among them.</summary>
public sealed record CitySummary(string CityCode, int New = 0, int Continuing = 0, int Exited = 0, int Late = 0);
