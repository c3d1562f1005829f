using System.Text.RegularExpressions;

namespace OpMock.Tests.Support;

/// <summary>A curl of a page with the `serve` arguments the page said to start the server with before it.</summary>
internal sealed record PageCurl(int Line, string[] ServeArgs, CurlLine Curl);

/// <summary>
/// The pages a newcomer follows — README.md, then docs/*.md — read as a reader runs them: in each page's fenced
/// code blocks, in order, a `serve` line (`dotnet run --project src/OpMock.Cli -- serve …` or `opmock serve …`)
/// starts the server the curls after it talk to (plain `serve` until a page says otherwise), `NAME='…'` sets a
/// shell variable, and a curl line (with its `\` continuations) is a request.
/// </summary>
internal static partial class GuidePages
{
    public static IReadOnlyList<string> Names =>
        ["README.md", .. Repo.Guides().Select(path => "docs/" + Path.GetFileName(path))];

    public static string Text(string page) => File.ReadAllText(Path.Combine(Repo.Root, page)).ReplaceLineEndings("\n");

    public static IReadOnlyList<PageCurl> Curls(string page)
    {
        var curls = new List<PageCurl>();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] serve = [];
        var inFence = false;
        var lines = Text(page).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].Trim();
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (!inFence)
            {
                continue;
            }

            while (line.EndsWith('\\') && i + 1 < lines.Length)
            {
                line = line[..^1].TrimEnd() + " " + lines[++i].Trim();
            }

            if (Serve().Match(line) is { Success: true } started)
            {
                serve = started.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            }
            else if (Assignment().Match(line) is { Success: true } set)
            {
                variables[set.Groups["name"].Value] = set.Groups["value"].Value;
            }
            else if (line.StartsWith("curl ", StringComparison.Ordinal))
            {
                curls.Add(new PageCurl(number, serve, CurlLine.Parse(line, variables)));
            }
        }

        return curls;
    }

    [GeneratedRegex(@"^(?:dotnet run --project src/OpMock\.Cli -- |opmock )serve(?<args>[^#]*)")]
    private static partial Regex Serve();

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*)='(?<value>[^']*)'$")]
    private static partial Regex Assignment();
}
