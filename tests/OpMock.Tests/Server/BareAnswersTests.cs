using System.Text;
using System.Text.Json.Nodes;
using OpMock.Core.Server;
using OpMock.Tests.Support;

namespace OpMock.Tests.Server;

/// <summary>
/// Requests Kestrel refuses before any middleware (the bytes Schemathesis and broken clients send) answered in the
/// house envelope with Kestrel's status, on both ports; every other answer passes as written.
/// </summary>
public sealed class BareAnswersTests
{
    private static readonly string Big = new('a', 40 * 1024);

    /// <summary>Each refused head, and the status Kestrel gives it.</summary>
    private static readonly Dictionary<string, (string Request, int Status)> Refused = new()
    {
        ["a NUL in a header value"] = ("GET /op/v2/anything HTTP/1.1\r\nHost: a\r\nX-Anything: a\0b\r\n\r\n", 400),
        ["a NUL in a header name"] = ("GET /op/v2/anything HTTP/1.1\r\nHost: a\r\nX-Any\0thing: a\r\n\r\n", 400),
        ["a request line that is no request line"] = ("GARBAGE\r\n\r\n", 400),
        ["a method with a character methods cannot have"] = ("G@T /op/v2/anything HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ["a header line without a colon"] = ("GET /op/v2/anything HTTP/1.1\r\nHost: a\r\nNoColonHere\r\n\r\n", 400),
        ["a folded header line"] = ("GET /op/v2/anything HTTP/1.1\r\nHost: a\r\nX-Anything: a\r\n folded\r\n\r\n", 400),
        ["HTTP/1.1 without Host"] = ("GET /op/v2/anything HTTP/1.1\r\n\r\n", 400),
        ["an unknown HTTP version"] = ("GET /op/v2/anything HTTP/9.9\r\nHost: a\r\n\r\n", 505),
        ["headers past 32 KB"] = ($"GET /op/v2/anything HTTP/1.1\r\nHost: a\r\nX-Big: {Big}\r\n\r\n", 431),
        ["a request line past 8 KB"] = ($"GET /op/v2/{Big} HTTP/1.1\r\nHost: a\r\n\r\n", 414),
    };

    public static TheoryData<string, bool> RefusedCases
    {
        get
        {
            var cases = new TheoryData<string, bool>();
            foreach (var name in Refused.Keys)
            {
                cases.Add(name, false);
                cases.Add(name, true);
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(RefusedCases))]
    public async Task Wrap_HeadKestrelRefuses_AnsweredInTheEnvelopeWithKestrelsStatus(string name, bool appPort)
    {
        // Given a running mock
        await using var host = await MockHost.StartAsync();
        var (request, status) = Refused[name];

        // When the bytes are sent as they are over a socket
        var answer = await RawHttp.SendAsync(new Uri(appPort ? host.Server.AppUrl : host.Server.DirectUrl), [Encoding.Latin1.GetBytes(request)]);

        // Then Kestrel's status comes with the house envelope: JSON, its code the status, a message saying what was wrong
        answer.Status.ShouldBe(status, answer.Head);
        answer.Head.ShouldContain("Content-Type: application/json", Case.Insensitive);
        answer.Head.ShouldContain("Connection: close", Case.Insensitive);
        answer.Head.ShouldContain($"Content-Length: {Encoding.UTF8.GetByteCount(answer.Body)}");
        var envelope = JsonNode.Parse(answer.Body)!.AsObject();
        envelope.Select(p => p.Key).ShouldBe(["code", "message", "data", "page", "foot"]);
        envelope["code"]!.GetValue<int>().ShouldBe(status);
        envelope["message"]!.GetValue<string>().ShouldBe(BareAnswers.Message(status));
        answer.LeaksInternals.ShouldBeFalse();
    }

    [Fact]
    public async Task Wrap_ControlCharacterKestrelReads_ReachesOpMockAndGetsItsOwnEnvelope()
    {
        // Given a running mock, When a header value carries a control character other than NUL (Kestrel reads it)
        await using var host = await MockHost.StartAsync();
        var answer = await RawHttp.SendAsync(new Uri(host.Server.DirectUrl),
            [Encoding.Latin1.GetBytes("GET /op/v2/noSuchRoute HTTP/1.1\r\nHost: a\r\nConnection: close\r\nX-Anything: a\u0001b\r\n\r\n")]);

        // Then OpMock answers it as any request, in its envelope (here: no such route)
        answer.Status.ShouldBe(404);
        JsonNode.Parse(answer.Body)!["code"]!.GetValue<int>().ShouldBe(404);
    }

    [Fact]
    public async Task Wrap_GoodRequestsOnTheSameConnection_PassAsWrittenAndARefusalAfterThemIsStillTheEnvelope()
    {
        // Given a running mock, and one connection carrying a request OpMock answers (404 envelope) then a broken one
        await using var host = await MockHost.StartAsync();
        var bytes = Encoding.Latin1.GetBytes("GET /op/v2/noSuchRoute HTTP/1.1\r\nHost: a\r\n\r\nGET /op/v2/x HTTP/1.1\r\nHost: a\r\nX-A: \0\r\n\r\n");

        // When they are sent
        var answer = await RawHttp.SendAsync(new Uri(host.Server.DirectUrl), [bytes]);

        // Then the first is OpMock's own 404, untouched, and the second Kestrel's 400 in the envelope
        answer.Status.ShouldBe(404);
        var second = answer.Body.IndexOf("HTTP/1.1 400", StringComparison.Ordinal);
        second.ShouldBeGreaterThan(0, answer.Body);
        answer.Body[second..].ShouldContain("\"code\":400");
        answer.Body[..second].ShouldContain("\"code\":404");
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")]                                  // not an error
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 2\r\nConnection: close\r\n\r\n")]                         // has a body
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")]                                              // the connection goes on
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")] // a stub's own
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n{}")]                       // more than the head
    [InlineData("{\"code\":400}")]                                                                                      // a body
    public void Rewrite_AnythingButKestrelsBodilessRefusal_IsLeftAsWritten(string written)
    {
        BareAnswers.Rewrite(Encoding.ASCII.GetBytes(written), (_, _) => "{}"u8.ToArray()).ShouldBeNull();
    }

    [Fact]
    public void Rewrite_KestrelsRefusal_KeepsItsStatusLineAndHeadersAndAddsTheEnvelope()
    {
        var written = "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\nConnection: close\r\nDate: Fri, 02 Jan 2026 03:04:05 GMT\r\n\r\n";

        var answer = Encoding.UTF8.GetString(BareAnswers.Rewrite(Encoding.ASCII.GetBytes(written), (status, message) => Encoding.UTF8.GetBytes($"{{\"code\":{status}}}"))!);

        answer.ShouldBe("HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: application/json;charset=UTF-8\r\nContent-Length: 12\r\n"
            + "Connection: close\r\nDate: Fri, 02 Jan 2026 03:04:05 GMT\r\n\r\n{\"code\":431}");
    }
}
