using Bogus;

namespace OpMock.Core.World;

/// <summary>
/// 32 lower-case hex digits, the shape of the examples' ids and file names (a UUID without dashes).
/// One draw of 16 bytes: Bogus's Hexadecimal draws (and locks) once per digit, on every request.
/// </summary>
internal static class RandomHex
{
    public static string Of32(Randomizer random) => Convert.ToHexStringLower(random.Bytes(16));
}
