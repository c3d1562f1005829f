using OpMock.Core.Transfer;

namespace OpMock.Tests.Transfer;

public sealed class ReqUrlTests
{
    [Theory]
    [InlineData("/op/v2/receives", null)]
    [InlineData("http://evil.example/op/v2/receives", "an absolute URL")]
    [InlineData("file:///etc/passwd", "an absolute URL")]
    [InlineData("//evil.example/op/v2/receives", "a URL with a host")]
    [InlineData(@"\\evil\share", "a URL with a host")]
    [InlineData("/op/v2/../../admin", "a path with `..` or backslashes")]
    [InlineData(@"/op\v2\receives", "a path with `..` or backslashes")]
    [InlineData("/op/v2/%2e%2e/receives", "a path with encoded or control characters")]
    [InlineData("/op/v2/receives@evil.example", "a path with encoded or control characters")]
    [InlineData("/op/v2/rec\u0000eives", "a path with encoded or control characters")]
    [InlineData("op/v2/receives", "not a path starting with /")]
    public void Hostile_ReqUrl_NamesWhyItIsRefused(string reqUrl, string? why)
    {
        // Given a reqUrl as a client might send it
        // When the server checks it
        // Then only a plain documented-style path passes
        ReqUrl.Hostile(reqUrl).ShouldBe(why);
    }

    [Theory]
    [InlineData(null, """{"reqUrl":"/op/v2/receives","staffId":"o1"}""", "/op/v2/receives")]
    [InlineData(null, """{"reqUrl":"http://10.0.0.1:8080/op/v2/receives?token=t"}""", "/op/v2/receives")]
    [InlineData(null, "reqUrl=%2Fop%2Fv2%2FgetChatInfoByUserId&userId=u1", "/op/v2/getChatInfoByUserId")]
    [InlineData("/op/v2/receives?x=1", null, "/op/v2/receives")]
    [InlineData(null, """{"reqUrl":42}""", null)]
    [InlineData(null, """{"reqUrl":""", null)]
    [InlineData(null, "", null)]
    [InlineData(null, null, null)]
    public void Find_RecordedTransferRequest_ReturnsTheRelayedRoute(string? formValue, string? body, string? route)
    {
        // Given a recorded transfer request, JSON, form-encoded or broken
        // When the validator looks for the relayed route
        // Then it finds the path without host or query, or nothing
        ReqUrl.Find(formValue, body).ShouldBe(route);
    }
}
