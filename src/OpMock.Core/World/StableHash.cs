using System.Globalization;
using System.Text;

namespace OpMock.Core.World;

/// <summary>
/// FNV-1a over UTF-8: the same text hashes the same in every process and on every machine,
/// which string.GetHashCode (randomized per process) does not. Entities are seeded from it.
/// The typed overloads hash exactly as <see cref="Of(object[])"/> does, without boxing or
/// allocating: they run several times per generated entity, on every request.
/// </summary>
internal static class StableHash
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Of(params object[] parts)
    {
        var hash = new Fnv();
        foreach (var part in parts)
        {
            hash = hash.Add(Convert.ToString(part, CultureInfo.InvariantCulture) ?? "");
        }

        return hash.Finish();
    }

    public static ulong Of(int seed, string a) => new Fnv().Add(seed).Add(a).Finish();

    public static ulong Of(int seed, string a, string b) => new Fnv().Add(seed).Add(a).Add(b).Finish();

    public static ulong Of(int seed, string a, int b) => new Fnv().Add(seed).Add(a).Add(b).Finish();

    public static ulong Of(int seed, string a, int b, int c) => new Fnv().Add(seed).Add(a).Add(b).Add(c).Finish();

    public static ulong Of(int seed, string a, string b, string c) => new Fnv().Add(seed).Add(a).Add(b).Add(c).Finish();

    /// <summary>A seed for Bogus's Randomizer, which takes an int.</summary>
    public static int Seed(params object[] parts) => Fold(Of(parts));

    public static int Seed(int seed, string a, string b) => Fold(Of(seed, a, b));

    public static int Seed(int seed, string a, string b, string c) => Fold(Of(seed, a, b, c));

    private static int Fold(ulong hash) => (int)(hash ^ (hash >> 32));

    /// <summary>The running hash; each Add returns it, so an overload is one chain.</summary>
    private struct Fnv()
    {
        private ulong hash = Offset;

        public Fnv Add(int value)
        {
            Span<char> text = stackalloc char[11];
            value.TryFormat(text, out var length, default, CultureInfo.InvariantCulture);
            return Add(text[..length]);
        }

        public Fnv Add(ReadOnlySpan<char> text)
        {
            Span<byte> utf8 = stackalloc byte[4];
            foreach (var rune in text.EnumerateRunes())
            {
                if (rune.IsAscii)
                {
                    Step((byte)rune.Value);
                    continue;
                }

                var length = rune.EncodeToUtf8(utf8);
                for (var i = 0; i < length; i++)
                {
                    Step(utf8[i]);
                }
            }

            // A separator, so ("ab", "c") and ("a", "bc") differ.
            Step(0x1F);
            return this;
        }

        public readonly ulong Finish()
        {
            // FNV's low bits mix poorly for short inputs; a final avalanche (splitmix64) fixes that.
            var h = hash;
            h ^= h >> 30;
            h *= 0xBF58476D1CE4E5B9UL;
            h ^= h >> 27;
            h *= 0x94D049BB133111EBUL;
            return h ^ (h >> 31);
        }

        private void Step(byte b) => hash = (hash ^ b) * Prime;
    }
}
