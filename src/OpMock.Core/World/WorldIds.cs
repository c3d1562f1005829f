using System.Globalization;

namespace OpMock.Core.World;

/// <summary>
/// Ids in the examples' shapes (u0001 + 32 hex, o0001 + 32 hex) that carry their index, so a user
/// can be found from its id without storing anything: the last 8 hex digits are the index masked
/// by the seed, and the first 24 are a check that only this seed produces.
/// </summary>
internal sealed class WorldIds(int seed)
{
    public const string UserPrefix = "u0001";
    public const string OpPrefix = "o0001";

    private readonly uint mask = (uint)StableHash.Of(seed, "mask");

    public string User(int index) => Make(UserPrefix, index);

    public string Op(int index) => Make(OpPrefix, index);

    public int? UserIndex(string id) => Read(UserPrefix, id);

    public int? OpIndex(string id) => Read(OpPrefix, id);

    private string Make(string prefix, int index) =>
        prefix + Check(prefix, index) + ((uint)index ^ mask).ToString("x8", CultureInfo.InvariantCulture);

    private string Check(string prefix, int index) =>
        StableHash.Of(seed, prefix, index).ToString("x16", CultureInfo.InvariantCulture)
        + StableHash.Of(seed, prefix, index, 2).ToString("x16", CultureInfo.InvariantCulture)[..8];

    private int? Read(string prefix, string? id)
    {
        if (id is null || id.Length != prefix.Length + 32 || !id.StartsWith(prefix, StringComparison.Ordinal)
            || !uint.TryParse(id.AsSpan(id.Length - 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var masked))
        {
            return null;
        }

        var index = masked ^ mask;
        return index <= int.MaxValue && Make(prefix, (int)index) == id ? (int)index : null;
    }
}
