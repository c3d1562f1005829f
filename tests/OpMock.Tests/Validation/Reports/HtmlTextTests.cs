using OpMock.Core.Validation.Reports;

namespace OpMock.Tests.Validation.Reports;

public sealed class HtmlTextTests
{
    [Theory]
    [InlineData("plain", "data.chats[2].createTime", "data.chats[2].createTime")]
    [InlineData("markup", "<b a=\"1\" b='2'>&</b>", "&lt;b a=&quot;1&quot; b=&#39;2&#39;&gt;&amp;&lt;/b&gt;")]
    [InlineData("Chinese stays text", "北京市海淀区 → 阿洋", "北京市海淀区 → 阿洋")]
    [InlineData("emoji pair stays", "ok \U0001F600", "ok \U0001F600")]
    [InlineData("tab and newline stay", "a\tb\nc", "a\tb\nc")]
    [InlineData("control characters marked", "a\u0000b\u001Bc\u007F", "a\uFFFDb\uFFFDc\uFFFD")]
    public void Escape_Text_IsSafeInContentAndAttributes(string scenario, string text, string expected)
    {
        // Given text from a response, a source or a route
        // When it is escaped
        var escaped = HtmlText.Escape(text);

        // Then markup is inert, real text is untouched and what a browser cannot show is marked
        escaped.ShouldBe(expected, scenario);
    }

    [Fact]
    public void Escape_LoneSurrogate_IsMarked()
    {
        // Given half of a surrogate pair, as a body cut mid-character gives (built here: xunit's
        // InlineData cannot carry one intact)
        var text = "x" + (char)0xD800 + "y";

        // When it is escaped
        var escaped = HtmlText.Escape(text);

        // Then it is replaced by U+FFFD, which a browser can show
        escaped.ShouldBe("x\uFFFDy");
    }

    [Theory]
    [InlineData(0, "0 errors")]
    [InlineData(1, "1 error")]
    [InlineData(1234, "1234 errors")]
    public void Count_Number_ReadsAsAPersonWritesIt(int count, string expected)
    {
        // Given a count
        // When it is written with its noun
        var text = HtmlText.Count(count, "error");

        // Then the noun agrees and the digits are invariant
        text.ShouldBe(expected);
    }
}
