using System.Text;

namespace OpMock.Core.World;

/// <summary>
/// FNV-1a over UTF-8: the same text hashes the same in every process and on every machine,
/// which string.GetHashCode (randomized per process) does not. Entities are seeded from it.
/// </summary>
internal static class StableHash
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Of(params object[] parts)
    {
        var hash = Offset;
        foreach (var part in parts)
        {
            foreach (var b in Encoding.UTF8.GetBytes(Convert.ToString(part, System.Globalization.CultureInfo.InvariantCulture) ?? ""))
            {
                hash = (hash ^ b) * Prime;
            }

            // A separator, so ("ab", "c") and ("a", "bc") differ.
            hash = (hash ^ 0x1F) * Prime;
        }

        // FNV's low bits mix poorly for short inputs; a final avalanche (splitmix64) fixes that.
        hash ^= hash >> 30;
        hash *= 0xBF58476D1CE4E5B9UL;
        hash ^= hash >> 27;
        hash *= 0x94D049BB133111EBUL;
        return hash ^ (hash >> 31);
    }

    /// <summary>A seed for Bogus's Randomizer, which takes an int.</summary>
    public static int Seed(params object[] parts)
    {
        var hash = Of(parts);
        return (int)(hash ^ (hash >> 32));
    }
}
