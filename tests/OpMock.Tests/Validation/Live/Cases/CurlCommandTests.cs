using System.Collections.Immutable;
using OpMock.Core.Validation.Live.Cases;

namespace OpMock.Tests.Validation.Live.Cases;

public sealed class CurlCommandTests
{
    [Fact]
    public void For_QueryFromTheCommandLine_ShownAsPlaceholdersAndTheDocsPairsKept()
    {
        // Given the docs' apiVersion and a token and a sign given on the command line
        var query = new[] { KeyValuePair.Create("apiVersion", "01"), KeyValuePair.Create("token", "o0001secret"), KeyValuePair.Create("sign", "abc") };

        // When a curl is made for a request
        var curl = CurlCommand.For("POST", new Uri("http://127.0.0.1:8080/"), "/op/v2/receives", query, ["token", "sign"], "{}");

        // Then the secrets are placeholders and the rest is as sent
        curl.ShouldBe("curl -sS -i -X POST 'http://127.0.0.1:8080/op/v2/receives?apiVersion=01&token=…&sign=…' -H 'Content-Type: application/json' --data-binary '{}'");
    }

    [Theory]
    [InlineData("""{"name":"O'Brien"}""", """'{"name":"O'\''Brien"}'""")]
    [InlineData("""{"a":"$HOME `x` \\"}""", """'{"a":"$HOME `x` \\"}'""")]
    [InlineData("""{"名字":"张三"}""", """'{"名字":"张三"}'""")]
    public void Quote_ShellSpecials_StayLiteral(string body, string quoted)
    {
        // Given a body with quotes, dollars, backticks or Chinese
        // When it is quoted for a POSIX shell
        // Then the shell passes it through unchanged
        CurlCommand.Quote(body).ShouldBe(quoted);
    }

    [Fact]
    public void For_NoQuery_NoQuestionMark()
    {
        // Given no query at all
        // When a curl is made
        var curl = CurlCommand.For("POST", new Uri("http://127.0.0.1:8086"), "/opapp/transfer", [], ImmutableHashSet<string>.Empty, "[]");

        // Then the URL is the route alone
        curl.ShouldContain("'http://127.0.0.1:8086/opapp/transfer' ");
    }
}
