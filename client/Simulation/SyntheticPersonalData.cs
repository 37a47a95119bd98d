namespace Ledger.Client.Simulation;

/// <summary>
/// A plausible name and resident ID-card number (GB 11643: region, birth date, sequence, MOD 11-2
/// check digit) for each synthetic person, so feeds carry personal data the way real ones do and the
/// tests can prove it never reaches a log line. Drawn from a stream of their own, keyed by the person,
/// so the rest of the region stays what it was for a seed.
/// </summary>
internal static class SyntheticPersonalData
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "玉兰", "志强"];
    private static readonly int[] CheckWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckDigits = "10X98765432";

    public static (string Name, string Certno) For(SimulationSettings settings, int household, int member)
    {
        var random = new DeterministicRandom(unchecked(((ulong)settings.Seed * 1_000_003UL) + ((ulong)household * 8UL) + (ulong)member) ^ 0x5EED_CA2DUL);
        var name = Surnames[random.NextInt(Surnames.Length)] + GivenNames[random.NextInt(GivenNames.Length)];
        var birth = new DateOnly(1940, 1, 1).AddDays(random.NextInt(80 * 365));
        var body = $"{settings.RegionCode}{birth:yyyyMMdd}{random.NextInt(1000):D3}";
        return (name, body + CheckDigit(body));
    }

    public static char CheckDigit(string first17)
    {
        var sum = 0;
        for (var i = 0; i < CheckWeights.Length; i++)
        {
            sum += (first17[i] - '0') * CheckWeights[i];
        }
        return CheckDigits[sum % 11];
    }
}
