using System.Text;
using OpMock.Core.Server;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.Server;

/// <summary>Header bytes Kestrel alone would refuse bare (outside UTF-8) reach OpMock and are answered in the envelope.</summary>
public sealed class HeaderEncodingTests(SharedMockServer shared) : IClassFixture<SharedMockServer>
{
    public static TheoryData<string, byte[], int> Heads() => new()
    {
        { "a Latin-1 byte in a header of its own (Python's requests)", Head("X-Anything: "u8.ToArray(), [0xF8]), 200 },
        { "a Latin-1 name in the scenario header: not a scenario", Head("X-OpMock-Scenario: "u8.ToArray(), [0x65, 0xE9]), 400 },
        { "UTF-8 stays UTF-8", Head("X-Anything: "u8.ToArray(), "用户"u8.ToArray()), 200 },
    };

    [Theory]
    [MemberData(nameof(Heads))]
    public async Task Request_HeaderBytesOutsideUtf8_AnsweredInTheEnvelope(string sent, byte[] head, int status)
    {
        // When the request's head carries the bytes, sent raw
        var answer = await RawHttp.SendAsync(new Uri(shared.Host.Server.DirectUrl), [head]);

        // Then OpMock answers it, in the house envelope, as it answers any request
        answer.Status.ShouldBe(status, sent);
        answer.Body.ShouldStartWith("{\"code\":", Case.Sensitive, sent);
    }

    [Fact]
    public void GetString_Latin1Bytes_ReadAsLatin1AndUtf8AsUtf8()
    {
        HeaderEncoding.Instance.GetString([0x63, 0x61, 0x66, 0xE9]).ShouldBe("café");
        HeaderEncoding.Instance.GetString(Encoding.UTF8.GetBytes("café 用户")).ShouldBe("café 用户");
    }

    private static byte[] Head(byte[] header, byte[] value)
    {
        var body = """{"userId":"u0001enc"}"""u8.ToArray();
        return [.. Encoding.ASCII.GetBytes($"POST {ChatInfo} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n"),
            .. header, .. value, .. "\r\nConnection: close\r\n\r\n"u8.ToArray(), .. body];
    }
}
