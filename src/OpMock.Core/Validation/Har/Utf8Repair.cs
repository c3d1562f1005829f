using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace OpMock.Core.Validation.Har;

/// <summary>Replaces bytes that are not UTF-8 in place, one '?' per bad byte, so lengths and offsets stay.</summary>
internal static class Utf8Repair
{
    /// <param name="from">Where the part not yet looked at starts.</param>
    /// <param name="final">No more data follows: a sequence cut at the end is bad, not waiting for its rest.</param>
    /// <param name="baseOffset">The file offset of data[0], for the offsets recorded in <paramref name="invalid"/>.</param>
    /// <returns>Where the next call should start: the end, or the start of a sequence cut by the buffer's end.</returns>
    public static int Repair(Span<byte> data, int from, bool final, long baseOffset, Queue<long> invalid)
    {
        var end = final ? data.Length : CompleteEnd(data);
        if (from >= end || Utf8.IsValid(data[from..end]))
        {
            return Math.Max(from, end);
        }

        var at = from;
        while (at < end)
        {
            var status = Rune.DecodeFromUtf8(data[at..end], out _, out var used);
            if (status == OperationStatus.Done)
            {
                at += used;
                continue;
            }

            used = Math.Max(used, 1);
            data.Slice(at, used).Fill((byte)'?');
            invalid.Enqueue(baseOffset + at);
            at += used;
        }

        return end;
    }

    /// <summary>The end of the last whole UTF-8 sequence: a character split by the buffer waits for its rest.</summary>
    private static int CompleteEnd(ReadOnlySpan<byte> data)
    {
        for (var back = 1; back <= Math.Min(3, data.Length); back++)
        {
            var b = data[^back];
            if ((b & 0xC0) != 0x80)
            {
                var length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                return length > back ? data.Length - back : data.Length;
            }
        }

        return data.Length;
    }
}
