using OpMock.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OpMock.Core.Yaml;

/// <summary>
/// Reads a YAML file (fixtures, overrides) as one document whose nodes keep their lines, or says where it
/// is broken: whatever the text, the answer is a tree or one file:line finding, never an exception.
/// </summary>
internal static class YamlTree
{
    /// <returns>The root node; null when the file is empty, or broken (then <paramref name="error"/> says where).</returns>
    public static YamlNode? Read(string file, string text, out Finding? error)
    {
        error = null;
        var scanner = new Scanner(new StringReader(text), skipComments: true);
        var stream = new YamlStream();
        try
        {
            // The limits are checked on the event stream first: the tree loader would overflow the stack on them.
            if (YamlLimits.Check(new Parser(scanner)) is { } beyond)
            {
                error = At(file, beyond.Line, beyond.Message);
                return null;
            }

            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;

            // YamlDotNet places a tab in the indentation at the start of the mapping holding it (line 1 for a
            // tab on line 20): the line with the tab is the one to fix.
            var line = message.Contains("tab", StringComparison.OrdinalIgnoreCase) ? TabLine(text, (int)e.Start.Line) ?? (int)e.Start.Line : (int)e.Start.Line;
            error = At(file, line, $"not valid YAML: {message}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up this way, without a position, on some broken flow collections
            // (`delay: {min: 800, max: 1500` left open before more keys). Where the scanner stopped is past
            // the end (one line after the last); the `{` or `[` never closed is the place to look.
            var unclosed = UnclosedFlow(text);
            error = unclosed is { } open
                ? At(file, open.Line, $"not valid YAML: the `{open.Bracket}` on this line is never closed")
                : At(file, Math.Min((int)scanner.CurrentPosition.Line, Lines(text)),
                    "not valid YAML: cannot read on from here; look for an unclosed `{`, `[` or quote on this line or above");
            return null;
        }

        return stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" }
            ? null
            : stream.Documents[0].RootNode;
    }

    /// <summary>The first line from <paramref name="from"/> on whose indentation holds a tab.</summary>
    private static int? TabLine(string text, int from)
    {
        var lines = text.Split('\n');
        for (var i = Math.Max(0, from - 1); i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            if (lines[i].AsSpan(0, indent).Contains('\t'))
            {
                return i + 1;
            }
        }

        return null;
    }

    /// <summary>The first `{` or `[` that is never closed, outside quotes and comments, with its line.</summary>
    private static (int Line, char Bracket)? UnclosedFlow(string text)
    {
        var open = new Stack<(int Line, char Bracket)>();
        var line = 1;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
            }
            else if (quote is { } q)
            {
                quote = c == q ? null : quote;
            }
            else if (c is '"' or '\'' && (i == 0 || text[i - 1] is ' ' or '{' or '[' or ',' or ':'))
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(text[i - 1])))
            {
                i = text.IndexOf('\n', i) is var end && end < 0 ? text.Length : end - 1;
            }
            else if (c is '{' or '[')
            {
                open.Push((line, c));
            }
            else if (c is '}' or ']' && open.Count > 0)
            {
                open.Pop();
            }
        }

        return open.Count > 0 ? open.Last() : null;
    }

    private static int Lines(string text) => Math.Max(1, text.TrimEnd('\n', '\r').Count(c => c == '\n') + 1);

    private static Finding At(string file, int line, string message) => new(file, Math.Max(1, line), Severity.Error, message);
}
