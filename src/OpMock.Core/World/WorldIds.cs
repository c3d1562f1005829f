using System.Globalization;

namespace OpMock.Core.World;

/// <summary>
/// Ids in the examples' shapes (u0001 + 32 hex, o0001 + 32 hex) that carry their index, so a user
/// can be found from its id without storing anything: the last 8 hex digits are the index run through
/// a bijective mix (xor a per-seed salt, multiply by odd constants, xor-shift) that <see cref="Unmix"/>
/// undoes, and the first 24 are a check that only this seed produces. The mix spreads neighbouring
/// indices over all 32 bits, so ids do not share a suffix the way a plain xor mask made them do.
/// </summary>
internal sealed class WorldIds(int seed)
{
    public const string UserPrefix = "u0001";
    public const string OpPrefix = "o0001";

    private const uint M1 = 0x9E3779B1;
    private const uint M2 = 0x85EBCA6B;

    // Their inverses modulo 2^32 (M · M⁻¹ ≡ 1), so the mix can be undone.
    private const uint M1Inverse = 0x0E8B2F51;
    private const uint M2Inverse = 0xA5CB9243;

    private readonly uint userSalt = (uint)StableHash.Of(seed, "mask", UserPrefix);
    private readonly uint opSalt = (uint)StableHash.Of(seed, "mask", OpPrefix);

    public string User(int index) => Make(UserPrefix, userSalt, index);

    public string Op(int index) => Make(OpPrefix, opSalt, index);

    public int? UserIndex(string id) => Read(UserPrefix, userSalt, id);

    public int? OpIndex(string id) => Read(OpPrefix, opSalt, id);

    internal static uint Mix(uint x, uint salt)
    {
        x = (x ^ salt) * M1;
        x ^= x >> 16;
        x *= M2;
        return x ^ (x >> 13);
    }

    internal static uint Unmix(uint x, uint salt)
    {
        x ^= (x >> 13) ^ (x >> 26);
        x *= M2Inverse;
        x ^= x >> 16;
        return (x * M1Inverse) ^ salt;
    }

    private string Make(string prefix, uint salt, int index) =>
        string.Create(prefix.Length + 32, (this, prefix, salt, index), static (span, state) =>
        {
            state.prefix.CopyTo(span);
            var body = span[state.prefix.Length..];
            state.Item1.Check(state.prefix, state.index, body[..24]);
            Mix((uint)state.index, state.salt).TryFormat(body[24..], out _, "x8", CultureInfo.InvariantCulture);
        });

    private void Check(string prefix, int index, Span<char> into)
    {
        StableHash.Of(seed, prefix, index).TryFormat(into, out _, "x16", CultureInfo.InvariantCulture);
        Span<char> second = stackalloc char[16];
        StableHash.Of(seed, prefix, index, 2).TryFormat(second, out _, "x16", CultureInfo.InvariantCulture);
        second[..8].CopyTo(into[16..]);
    }

    private int? Read(string prefix, uint salt, string? id)
    {
        if (id is null || id.Length != prefix.Length + 32 || !id.StartsWith(prefix, StringComparison.Ordinal)
            || !uint.TryParse(id.AsSpan(id.Length - 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var mixed))
        {
            return null;
        }

        var index = Unmix(mixed, salt);
        if (index > int.MaxValue)
        {
            return null;
        }

        // Hex digits may arrive in upper case; only the lower-case id this world writes is its own.
        Span<char> check = stackalloc char[24];
        Check(prefix, (int)index, check);
        return id.AsSpan(prefix.Length, 24).SequenceEqual(check) && !id.AsSpan(id.Length - 8).ContainsAnyInRange('A', 'F') ? (int)index : null;
    }
}
