namespace OpMock.Core.World;

/// <summary>Mainland mobile numbers: 1, then 3–9, then nine digits.</summary>
internal static class ChineseMobile
{
    public static string Number(Bogus.Randomizer random) =>
        "1" + random.Number(3, 9) + random.Number(0, 999_999_999).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>138****1234, as apps show a number to staff.</summary>
    public static string Masked(string phone) => phone.Length == 11 ? phone[..3] + "****" + phone[7..] : phone;
}
