namespace Ledger.Policy.Model;

/// <summary>
/// A policy's work targets (工作目标) over its 困难群众: the share of their medical costs the funds pay
/// (综合保障率, at least <see cref="Coverage"/>) and the share they pay themselves (个人负担率, at most
/// <see cref="Burden"/>). They are region-wide indicators, reported by the KPIs over
/// <see cref="Population"/>, not alarms on a household (DESIGN §4).
/// </summary>
public sealed record Targets(Eligibility Population, decimal Coverage, decimal Burden);
