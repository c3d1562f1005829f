using System.Text.RegularExpressions;

namespace OpMock.Core.Docs;

/// <summary>What a heading line starts: the doc title, one of the field labels, or a named section.</summary>
internal enum Part
{
    None,
    Title,
    Url,
    Method,
    Input,
    Output,
    Section,
    Example,
    Sample,
    Online,
    History,
}

/// <summary>
/// A heading as the house format writes it: hashes with or without a space (##2.9 …, #User),
/// often ending in a colon, half- or full-width (###URL:, #####会话集合 chats ：).
/// </summary>
internal sealed partial record Heading(int Level, string Text, Part Part, int Line)
{
    private static readonly (string Prefix, Part Part)[] Labels =
    [
        ("URL", Part.Url),
        ("请求地址", Part.Url),
        ("方式", Part.Method),
        ("请求方式", Part.Method),
        ("Method", Part.Method),
        ("输入参数", Part.Input),
        ("请求参数", Part.Input),
        ("返回数据", Part.Output),
        ("返回参数", Part.Output),
        ("输出参数", Part.Output),
        ("返回json", Part.Example),
        ("返回示例", Part.Example),
        ("测试环境", Part.Sample),
        ("开发环境", Part.Sample),
        ("线上环境", Part.Online),
        ("生产环境", Part.Online),
        ("版本历史", Part.History),
    ];

    public static Heading? TryRead(string line, int lineNumber)
    {
        var text = line.TrimStart();
        if (!text.StartsWith('#'))
        {
            return null;
        }

        var level = text.TakeWhile(c => c == '#').Count();
        var body = text[level..].Trim().TrimEnd(':', '：', ' ', '\t', '\u3000');
        var label = Labels.FirstOrDefault(l => body.StartsWith(l.Prefix, StringComparison.OrdinalIgnoreCase));
        var part = label.Prefix is not null ? label.Part
            : TitlePattern().IsMatch(body) ? Part.Title
            : Part.Section;
        return new Heading(level, body, part, lineNumber);
    }

    /// <summary>"2.36 获取用户最近会话信息" → ("2.36", "获取用户最近会话信息").</summary>
    public (string Number, string Title) ReadTitle()
    {
        var match = TitlePattern().Match(Text);
        return (match.Groups[1].Value, match.Groups[2].Value.Trim());
    }

    /// <summary>
    /// A section heading names its type (#User) or the field it belongs to with a caption
    /// (#####会话集合 chats): the name is the last ASCII identifier, the caption is the rest.
    /// </summary>
    public (string Name, string Caption) ReadSection()
    {
        var names = IdentifierPattern().Matches(Text);
        if (names.Count == 0)
        {
            return (Text, Text);
        }

        var name = names[^1];
        var caption = Text.Remove(name.Index, name.Length).Trim(' ', '\t', '\u3000', ':', '：');
        return (name.Value, caption.Length > 0 ? caption : name.Value);
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)+)\s*(.*)$")]
    private static partial Regex TitlePattern();

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex IdentifierPattern();
}
