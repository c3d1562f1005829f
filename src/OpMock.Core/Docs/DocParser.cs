using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using OpMock.Core.Diagnostics;

namespace OpMock.Core.Docs;

/// <summary>
/// Reads one endpoint doc in the house format. The format is line-oriented and loose
/// (##2.9 is a heading, ｜ starts a row, JSON may be fenced or bare), which CommonMark parsers
/// read differently, so this walks the lines itself and keeps every line number for findings.
/// It never throws on bad input: what it cannot read becomes a finding.
/// </summary>
internal sealed partial class DocParser
{
    private readonly string file;
    private readonly List<Finding> findings = [];
    private readonly List<DocSection> sections = [];
    private readonly List<VersionEntry> history = [];
    private FieldTable? input;
    private FieldTable? output;
    private (string Name, string Caption, int Line, FieldTable Table)? section;
    private Heading? title;
    private Heading? current;
    private (string Text, int Line)? url;
    private (string Text, int Line)? method;
    private DocLink? link;
    private JsonBlock? example;
    private (string Url, int Line)? sampleUrl;
    private JsonBlock? sampleBody;
    private List<string>? fence;
    private int fenceLine;
    private JsonCapture? bare;
    private bool historyHeaderSeen;
    private int? urlHeading;
    private int? methodHeading;

    private DocParser(string file) => this.file = file;

    /// <summary>Parses a doc; the doc is null when it lacks what an endpoint needs (title, URL, method).</summary>
    public static (ApiDoc? Doc, ImmutableArray<Finding> Findings) Parse(string file, string text)
    {
        var parser = new DocParser(file);
        var lines = text.TrimStart('\uFEFF').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            parser.Read(lines[i].TrimEnd('\r'), i + 1);
        }

        return parser.Finish();
    }

    private void Read(string line, int number)
    {
        if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
        {
            ToggleFence(number);
            return;
        }

        if (fence is not null)
        {
            fence.Add(line);
            return;
        }

        if (bare is not null)
        {
            if (Heading.TryRead(line, number) is null)
            {
                bare.Add(line);
                if (bare.IsComplete)
                {
                    StoreJson(bare.ToBlock());
                    bare = null;
                }

                return;
            }

            findings.Add(new Finding(file, bare.Line, Severity.Error, "JSON block is not closed before the next heading"));
            StoreJson(bare.ToBlock());
            bare = null;
        }

        if (Heading.TryRead(line, number) is { } heading)
        {
            StartPart(heading);
            return;
        }

        if (TableRow.TryRead(line, number) is { } row)
        {
            AddRow(row);
            return;
        }

        ReadText(line.Trim(), number);
    }

    private void StartPart(Heading heading)
    {
        CloseSection();
        current = heading;
        switch (heading.Part)
        {
            case Part.Title when title is null:
                title = heading;
                break;
            case Part.Title:
                findings.Add(new Finding(file, heading.Line, Severity.Warning,
                    $"second title heading `{heading.Text}`; the first, on line {title.Line}, is kept"));
                break;
            case Part.Section when output is null && link is null:
                findings.Add(new Finding(file, heading.Line, Severity.Warning,
                    $"heading `{heading.Text}` is not a part OpMock knows; its content is ignored"));
                current = heading with { Part = Part.None };
                break;
            case Part.Section:
                var (name, caption) = heading.ReadSection();
                section = (name, caption, heading.Line, new FieldTable(file, isInput: false, findings));
                break;
            case Part.Url:
                urlHeading ??= heading.Line;
                break;
            case Part.Method:
                methodHeading ??= heading.Line;
                break;
            case Part.Input:
                input ??= new FieldTable(file, isInput: true, findings);
                break;
            case Part.Output:
                output ??= new FieldTable(file, isInput: false, findings);
                break;
        }
    }

    private void AddRow(TableRow row)
    {
        switch (current?.Part)
        {
            case Part.Input:
                input!.Add(row);
                break;
            case Part.Output:
                output!.Add(row);
                break;
            case Part.Section when section is not null:
                section.Value.Table.Add(row);
                break;
            case Part.History:
                AddHistory(row);
                break;
            default:
                findings.Add(new Finding(file, row.Line, Severity.Warning, "table row outside a field table; ignored"));
                break;
        }
    }

    private void AddHistory(TableRow row)
    {
        if (!historyHeaderSeen)
        {
            historyHeaderSeen = true;
            return;
        }

        if (!row.IsSeparator && row.Cells.Any(c => c.Length > 0))
        {
            history.Add(new VersionEntry(row.Cell(0), row.Cell(1), row.Cell(2), row.Cell(3)));
        }
    }

    private void ReadText(string text, int number)
    {
        if (text.Length == 0)
        {
            return;
        }

        switch (current?.Part)
        {
            case Part.Url when url is null:
                url = (text, number);
                break;
            case Part.Method when method is null:
                method = (text, number);
                break;
            case Part.Output when LinkPattern().Match(text) is { Success: true } match:
                link = new DocLink(match.Groups["text"].Value, match.Groups["target"].Value, number);
                break;
            case Part.Sample when sampleUrl is null && text.StartsWith("http", StringComparison.OrdinalIgnoreCase):
                sampleUrl = (text, number);
                break;
            case Part.Example or Part.Sample when text.StartsWith('{') || text.StartsWith('['):
                bare = new JsonCapture(number);
                bare.Add(text);
                if (bare.IsComplete)
                {
                    StoreJson(bare.ToBlock());
                    bare = null;
                }

                break;
        }
    }

    private void ToggleFence(int number)
    {
        if (fence is null)
        {
            fence = [];
            fenceLine = number;
            return;
        }

        var text = string.Join('\n', fence);
        fence = null;
        if (text.Trim().Length > 0)
        {
            StoreJson(new JsonBlock(text, fenceLine + 1));
        }
    }

    private void StoreJson(JsonBlock block)
    {
        switch (current?.Part)
        {
            case Part.Example when example is null:
                example = block;
                break;
            case Part.Sample when sampleBody is null:
                sampleBody = block;
                break;
        }
    }

    private void CloseSection()
    {
        if (section is not { } open)
        {
            return;
        }

        section = null;
        if (sections.Any(s => s.Name == open.Name))
        {
            findings.Add(new Finding(file, open.Line, Severity.Warning, $"second section named `{open.Name}`; the first is kept"));
            return;
        }

        sections.Add(new DocSection(open.Name, open.Caption, open.Line, open.Table.Fields));
    }

    private (ApiDoc? Doc, ImmutableArray<Finding> Findings) Finish()
    {
        CloseSection();
        if (fence is not null)
        {
            findings.Add(new Finding(file, fenceLine, Severity.Error, "``` fence is never closed"));
        }

        if (bare is not null)
        {
            findings.Add(new Finding(file, bare.Line, Severity.Error, "JSON block is not closed at the end of the file"));
            StoreJson(bare.ToBlock());
        }

        var doc = Build();
        return (doc, [.. findings]);
    }

    private ApiDoc? Build()
    {
        if (title is null)
        {
            findings.Add(new Finding(file, 1, Severity.Error, "expected a title heading such as `##2.36 获取用户最近会话信息`"));
        }

        var endpoint = ReadUrl();
        var verb = ReadMethod();
        if (title is null || endpoint is null || verb is null)
        {
            return null;
        }

        var (number, name) = title.ReadTitle();
        return new ApiDoc
        {
            Path = file,
            Number = number,
            Title = name,
            Url = url!.Value.Text,
            Route = endpoint.Value.Route,
            Host = endpoint.Value.Host,
            Port = endpoint.Value.Port,
            Method = verb,
            Input = input?.Fields ?? [],
            Output = output?.Fields ?? [],
            Sections = [.. sections],
            ResponseLink = link,
            Example = example,
            Sample = sampleUrl is { } sample ? ReadSample(sample.Url, sample.Line) : null,
            History = [.. history],
        };
    }

    private (string Route, string? Host, int? Port)? ReadUrl()
    {
        if (url is not { } written)
        {
            findings.Add(new Finding(file, urlHeading ?? 1, Severity.Error, "expected `###URL:` followed by a URL or a path"));
            return null;
        }

        (string Route, string? Host, int? Port)? read = written.Text.StartsWith('/') ? (StripQuery(written.Text), null, null)
            : Uri.TryCreate(written.Text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? (uri.AbsolutePath, uri.Host, uri.IsDefaultPort ? null : uri.Port)
            : null;
        if (read is { } found)
        {
            if (ReservedRoutes.Problem(found.Route) is { } reserved)
            {
                findings.Add(new Finding(file, written.Line, Severity.Error, reserved));
                return null;
            }

            return found;
        }

        findings.Add(new Finding(file, written.Line, Severity.Error, $"expected a URL or a path starting with /, found `{written.Text}`"));
        return null;
    }

    private string? ReadMethod()
    {
        if (method is not { } written)
        {
            findings.Add(new Finding(file, methodHeading ?? 1, Severity.Error, "expected `###方式:` followed by the method (post, get, …)"));
            return null;
        }

        var verb = written.Text.ToUpperInvariant();
        if (verb is "GET" or "POST" or "PUT" or "DELETE" or "PATCH")
        {
            return verb;
        }

        findings.Add(new Finding(file, written.Line, Severity.Error, $"expected a method (post, get, put, delete, patch), found `{written.Text}`"));
        return null;
    }

    private SampleRequest ReadSample(string sample, int line)
    {
        var query = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        var mark = sample.IndexOf('?');
        if (mark >= 0)
        {
            foreach (var pair in sample[(mark + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=');
                var key = eq < 0 ? pair : pair[..eq];
                var value = eq < 0 ? "" : pair[(eq + 1)..];
                query.Add(new(Unescape(key), Unescape(value)));
            }
        }

        return new SampleRequest(sample, query.ToImmutable(), sampleBody, line);
    }

    private static string Unescape(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            return text;
        }
    }

    private static string StripQuery(string path) => path.Split('?', '#')[0];

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\((?<target>[^)\s]+)\)")]
    private static partial Regex LinkPattern();
}
