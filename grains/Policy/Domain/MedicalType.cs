namespace Ledger.Policy.Domain;

/// <summary>The three benefit lines the policies distinguish.</summary>
public enum MedicalType : byte
{
    Outpatient = 0,
    Chronic = 1,
    Inpatient = 2,
}

/// <summary>
/// Maps the national platform's <c>med_type</c> dictionary onto the three benefit lines. The
/// policies only speak of outpatient, chronic/special-disease outpatient and inpatient, so every
/// other code goes to the nearest of those; unknown codes are refused rather than guessed.
/// </summary>
public static class MedicalTypeCodes
{
    public const int Count = 3;

    public static bool TryParse(string? code, out MedicalType medicalType)
    {
        (var known, medicalType) = code switch
        {
            // 11 普通门诊, 12 门诊挂号, 13 急诊, 41 定点药店购药, 51 生育门诊: ordinary outpatient.
            "11" or "12" or "13" or "41" or "51" => (true, MedicalType.Outpatient),
            // 14 门诊慢特病, 15/16 门诊特殊病种 in provincial extensions, and 14xx sub-codes.
            "14" or "15" or "16" => (true, MedicalType.Chronic),
            // 21 普通住院, 22 外伤住院, 23 转外诊治住院, 24 急诊转住院, 52 生育住院.
            "21" or "22" or "23" or "24" or "52" => (true, MedicalType.Inpatient),
            _ when code is { Length: > 2 and <= 6 } && code.StartsWith("14", StringComparison.Ordinal)
                && code.All(char.IsAsciiDigit) => (true, MedicalType.Chronic),
            _ => (false, MedicalType.Outpatient),
        };
        return known;
    }

    public static string ToCode(MedicalType medicalType) => medicalType switch
    {
        MedicalType.Outpatient => "outpatient",
        MedicalType.Chronic => "chronic",
        _ => "inpatient",
    };

    public static bool TryParseName(string? name, out MedicalType medicalType)
    {
        (var known, medicalType) = name switch
        {
            "outpatient" => (true, MedicalType.Outpatient),
            "chronic" => (true, MedicalType.Chronic),
            "inpatient" => (true, MedicalType.Inpatient),
            _ => (false, MedicalType.Outpatient),
        };
        return known;
    }
}
