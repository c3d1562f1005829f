using System.Runtime.CompilerServices;
using System.Text.Json;
using OpMock.Core.Diagnostics;

namespace OpMock.Core.Validation.Har;

/// <summary>
/// Reads a HAR file entry by entry without loading it: a 100 MB session is read through a buffer that
/// only ever holds the largest single entry. Utf8JsonReader walks to log.entries, then each entry is
/// parsed alone with JsonDocument and released before the next.
/// </summary>
internal static class HarReader
{
    private const int FirstBufferSize = 64 * 1024;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static async IAsyncEnumerable<HarEntry> ReadAsync(Stream stream, string name, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var buffer = new byte[FirstBufferSize];
        var filled = 0;
        var final = false;
        var scan = new Scan(name);
        var entries = new List<HarEntry>();
        var checkedUpTo = 0;
        long bufferBase = 0;
        while (!scan.Done)
        {
            if (!final)
            {
                // A full buffer that could not be used means one token or entry is bigger than it.
                if (filled == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                final = read == 0;
                filled += read;
            }

            // Invalid UTF-8 would make the JSON reader throw and lose every entry after it: each bad byte
            // becomes '?' (same length, so offsets hold) and the entry holding it gets a finding.
            checkedUpTo = Utf8Repair.Repair(buffer.AsSpan(0, filled), checkedUpTo, final, bufferBase, scan.InvalidUtf8);

            // Windows tools (Fiddler, PowerShell) start the file with a UTF-8 BOM, which the reader rejects.
            var start = scan.Empty && buffer.AsSpan(0, filled).StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
            entries.Clear();
            var consumed = start + scan.Advance(buffer.AsSpan(start, filled - start), bufferBase + start, entries);
            foreach (var entry in entries)
            {
                yield return entry;
            }

            buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
            filled -= consumed;
            bufferBase += consumed;
            checkedUpTo = Math.Max(0, checkedUpTo - consumed);
            if (final && !scan.Done)
            {
                throw new OpMockException(scan.InEntries
                    ? $"{name}: the HAR file ends inside log.entries (truncated?) after {scan.Count} entries"
                    : scan.Empty && filled == 0 ? $"{name}: not a HAR file: the file is empty"
                    : $"{name}: not a HAR file: no log.entries array");
            }
        }
    }

    /// <summary>Where the walk is between buffers; Utf8JsonReader itself cannot live across an await.</summary>
    private sealed class Scan(string name)
    {
        private JsonReaderState state;
        private string? topProperty;
        private bool entriesNext;
        private long offset;
        private long dataBase;

        public bool InEntries { get; private set; }

        public bool Done { get; private set; }

        public int Count { get; private set; }

        public bool Empty => offset == 0;

        /// <summary>File offsets of bytes that were not UTF-8, in order, until the entry holding them is read.</summary>
        public Queue<long> InvalidUtf8 { get; } = new();

        /// <returns>How many bytes of <paramref name="data"/> were used; the rest is kept for the next call.</returns>
        public int Advance(ReadOnlySpan<byte> data, long fileOffset, List<HarEntry> entries)
        {
            dataBase = fileOffset;
            // Never a final block: the walk stops at the end of log.entries, so running out of data
            // before it means the file is cut short, which the caller reports as such.
            var reader = new Utf8JsonReader(data, isFinalBlock: false, state);
            try
            {
                while (!Done && (InEntries ? NextEntry(ref reader, entries) : Seek(ref reader)))
                {
                }
            }
            catch (JsonException e)
            {
                throw new OpMockException($"{name}: not valid JSON near byte {offset + reader.BytesConsumed}: {e.Message}");
            }

            state = reader.CurrentState;
            offset += reader.BytesConsumed;
            return (int)reader.BytesConsumed;
        }

        /// <summary>Walks to the array of log.entries, ignoring creator, pages and anything else.</summary>
        private bool Seek(ref Utf8JsonReader reader)
        {
            if (!reader.Read())
            {
                return false;
            }

            if (entriesNext)
            {
                InEntries = reader.TokenType == JsonTokenType.StartArray
                    ? true
                    : throw new OpMockException($"{name}: log.entries is not an array");
                return true;
            }

            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.CurrentDepth == 1)
                {
                    topProperty = reader.GetString();
                }
                else if (reader.CurrentDepth == 2 && topProperty == "log" && reader.ValueTextEquals("entries"))
                {
                    entriesNext = true;
                }
            }

            return true;
        }

        private bool NextEntry(ref Utf8JsonReader reader, List<HarEntry> entries)
        {
            var before = reader;
            var start = dataBase + reader.BytesConsumed;
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.EndArray)
            {
                Done = true;
                return false;
            }

            // All or nothing: an entry cut by the buffer's end is read again, whole, next time.
            if (!JsonDocument.TryParseValue(ref reader, out var document))
            {
                reader = before;
                return false;
            }

            var end = dataBase + reader.BytesConsumed;
            long? invalid = null;
            while (InvalidUtf8.TryPeek(out var at) && at < end)
            {
                InvalidUtf8.Dequeue();
                invalid ??= at >= start ? at : null;
            }

            using (document)
            {
                var entry = HarEntry.From(document.RootElement, Count++);
                entries.Add(invalid is { } bad ? entry with { Oddities = [$"the HAR entry is not valid UTF-8 (byte at file offset {bad}; read as '?')", .. entry.Oddities] } : entry);
            }

            return true;
        }
    }
}
