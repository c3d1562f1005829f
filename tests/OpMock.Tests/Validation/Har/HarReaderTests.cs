using System.Text;
using OpMock.Core.Diagnostics;
using OpMock.Core.Validation.Har;

namespace OpMock.Tests.Validation.Har;

public sealed class HarReaderTests
{
    [Fact]
    public async Task ReadAsync_EntriesLargerThanTheBuffer_AreReadWholeInOrder()
    {
        // Given a HAR whose entries are each bigger than the reader's first 64 KiB buffer
        var big = new string('x', 100_000);
        var text = Hars.Document(
            Hars.Entry("POST", "http://127.0.0.1/op/v2/receives", 200, Hars.Text($"{{\"pad\":\"{big}\"}}")),
            Hars.Entry("GET", "http://127.0.0.1/static/app.js", 200, Hars.Text("var a = 1;", "application/javascript")),
            Hars.Entry("POST", "http://127.0.0.1/opapp/transfer", 200, Hars.Base64(big), "{\"reqUrl\":\"/op/v2/receives\"}"));

        // When it is read through a stream that hands out a few bytes at a time
        var entries = await ReadAllAsync(new TrickleStream(Encoding.UTF8.GetBytes(text), 7_001));

        // Then every entry comes out whole
        entries.Select(e => (e.Index, e.Path)).ShouldBe([(0, "/op/v2/receives"), (1, "/static/app.js"), (2, "/opapp/transfer")]);
        entries[0].Text!.Length.ShouldBe(100_010);
        entries[2].TryReadBytes(out var body).ShouldBeTrue();
        Encoding.UTF8.GetString(body!).ShouldBe(big);
        entries[2].RequestText.ShouldBe("{\"reqUrl\":\"/op/v2/receives\"}");
    }

    [Fact]
    public async Task ReadAsync_EntriesBeforeLogProperties_AreFoundUnderLogOnly()
    {
        // Given a HAR with a decoy "entries" elsewhere and log's entries after its other properties
        var text = """{"other":{"entries":[{"x":1}]},"log":{"pages":[],"entries":[{"request":{"method":"POST","url":"/op/v2/receives"},"response":{"status":200,"content":{"size":0}}}],"comment":"后"}}""";

        // When it is read
        var entries = await ReadAllAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)));

        // Then only log.entries is read
        entries.ShouldHaveSingleItem().Path.ShouldBe("/op/v2/receives");
    }

    [Fact]
    public async Task ReadAsync_FileWithByteOrderMark_IsRead()
    {
        // Given a HAR saved by a Windows tool, with a UTF-8 byte order mark
        var text = Hars.Document(Hars.Entry("POST", "http://127.0.0.1/op/v2/receives", 200, Hars.Text("{}")));
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();

        // When it is read
        var entries = await ReadAllAsync(new MemoryStream(bytes));

        // Then its entry comes out as if there were no mark
        entries.ShouldHaveSingleItem().Text.ShouldBe("{}");
    }

    [Theory]
    [InlineData("", "not a HAR file: the file is empty")]
    [InlineData("  \n", "not a HAR file: no log.entries array")]
    [InlineData("{\"log\":{\"version\":\"1.2\"}}", "not a HAR file: no log.entries array")]
    [InlineData("{\"log\":{\"entries\":{}}}", "log.entries is not an array")]
    [InlineData("{\"log\":{\"entries\":[{\"request\":{}},{\"req", "ends inside log.entries (truncated?) after 1 entries")]
    [InlineData("<html>", "not valid JSON near byte 0")]
    public async Task ReadAsync_NotAHar_ThrowsOneClearError(string text, string message)
    {
        // Given a file that is not a whole HAR
        var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));

        // When it is read, Then the error names the file and the problem
        var error = await Should.ThrowAsync<OpMockException>(() => ReadAllAsync(stream));
        error.Message.ShouldStartWith("s.har: ");
        error.Message.ShouldContain(message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(64 * 1024)]
    public async Task ReadAsync_InvalidUtf8AmongChinese_MarksOnlyItsEntryWhateverTheBufferCuts(int chunk)
    {
        // Given three entries of Chinese text, the second with one byte that is not UTF-8
        var text = Hars.Document(
            Hars.Entry("POST", "http://h/op/v2/receives", 200, Hars.Text("{\"message\":\"成功，客服在线\"}")),
            Hars.Entry("POST", "http://h/op/v2/receives", 200, Hars.Text("{\"message\":\"成功BAD客服\"}")),
            Hars.Entry("POST", "http://h/op/v2/receives", 200, Hars.Text("{\"message\":\"成功，客服在线\"}")));
        var bytes = Encoding.UTF8.GetBytes(text);
        var bad = bytes.AsSpan().IndexOf("BAD"u8);
        bytes[bad + 1] = 0xC0;

        // When it is read through a stream that cuts characters at every possible place
        var entries = await ReadAllAsync(new TrickleStream(bytes, chunk));

        // Then the reader goes on; only the second entry carries the finding, with the byte's file offset
        entries.Count.ShouldBe(3);
        entries[0].Oddities.ShouldBeEmpty();
        entries[1].Oddities.ShouldBe([$"the HAR entry is not valid UTF-8 (byte at file offset {bad + 1}; read as '?')"]);
        entries[1].Text.ShouldBe("{\"message\":\"成功B?D客服\"}");
        entries[2].Oddities.ShouldBeEmpty();
        entries[2].Text.ShouldBe("{\"message\":\"成功，客服在线\"}");
    }

    private static async Task<List<HarEntry>> ReadAllAsync(Stream stream)
    {
        var entries = new List<HarEntry>();
        await foreach (var entry in HarReader.ReadAsync(stream, "s.har"))
        {
            entries.Add(entry);
        }

        return entries;
    }

    /// <summary>A stream that returns at most a few bytes per read, as a slow disk or pipe does.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], cancellationToken);
    }
}
