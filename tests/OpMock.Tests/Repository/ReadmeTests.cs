using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpMock.Cli;
using OpMock.Tests.Support;

namespace OpMock.Tests.Repository;

/// <summary>The commands of the README and the docs/ guides are checked here (or run by .ci/run), so they cannot rot.</summary>
public sealed partial class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));

    /// <summary>The README, then every guide under docs/ in name order: the pages a newcomer follows.</summary>
    private static readonly string Pages = string.Join("\n", [Readme, .. Repo.Guides().Select(File.ReadAllText)]);

    /// <summary>Shell lines of the pages' code blocks (the README's alone when asked), with `\` continuations joined and comments dropped.</summary>
    private static IEnumerable<string> ShellLines(bool readmeOnly = false) =>
        CodeBlock().Matches(readmeOnly ? Readme : Pages)
            .SelectMany(block => block.Groups["body"].Value.Replace("\\\n", " ").Split('\n'))
            .Select(line => line.Trim().TrimStart('-', ' ').Replace("run: ", ""))
            .Select(line => CommentOutsideQuotes().Replace(line, "").Trim())
            .Where(line => line.Length > 0);

    public static TheoryData<string> OpmockCommands() => [.. CommandLines().Distinct(StringComparer.Ordinal)];

    private static IEnumerable<string> CommandLines()
    {
        foreach (var line in ShellLines())
        {
            var at = line.IndexOf("opmock ", StringComparison.Ordinal) is var i && i >= 0 && !line.Contains("install", StringComparison.Ordinal)
                ? i + "opmock ".Length
                : line.IndexOf("src/OpMock.Cli -- ", StringComparison.Ordinal) is var j && j >= 0 ? j + "src/OpMock.Cli -- ".Length : -1;
            if (at >= 0 && !line.StartsWith("docker", StringComparison.Ordinal))
            {
                yield return line[at..];
            }
        }
    }

    [Fact]
    public void FirstLines_GiveTheTwoSetupCommands_AndCiRunsTheTestOne()
    {
        // Given the README's first code block
        var first = ShellLines(readmeOnly: true).Take(2).Select(l => l.Trim()).ToList();

        // Then it starts the mock and runs the tests, and .ci/run runs that test command exactly
        first.ShouldBe(["dotnet run --project src/OpMock.Cli -- serve", "dotnet test"]);
        File.ReadAllLines(Path.Combine(Repo.Root, ".ci", "run")).ShouldContain(l => l.TrimStart().StartsWith("dotnet test 2>&1", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(OpmockCommands))]
    public void OpmockCommand_InReadme_Parses(string commandLine)
    {
        // Given a command line as the README shows it
        var args = Tokenize(commandLine);

        // When the opmock command line reads it
        var parsed = OpMockCli.Build(new CliConsole(TextWriter.Null, TextWriter.Null)).Parse(args);

        // Then it names a real command with real options
        parsed.Errors.Select(e => e.Message).ShouldBeEmpty(commandLine);
        parsed.CommandResult.Command.Name.ShouldNotBe("opmock", commandLine);
    }

    [Fact]
    public void OpmockCommands_CoverEveryCommand()
    {
        var used = CommandLines().Select(line => Tokenize(line)[0]).ToHashSet();

        used.ShouldBeSubsetOf(["serve", "schemas", "lint", "validate", "proxy", "openapi"]);
        used.ShouldContain("serve");
        used.ShouldContain("validate");
        used.ShouldContain("schemas");
        used.ShouldContain("lint");
    }

    [Fact]
    public async Task CurlExamples_AgainstTheMock_AnswerWithTheDocumentedData()
    {
        // Given the mock on ephemeral ports with the shipped docs and fixtures
        await using var host = await MockHost.StartAsync();
        // Curls in a session ($S) walk the write docs: SessionCurlExamples_AgainstTheWriteDocs_CloseListAndReset sends them.
        var curls = ShellLines().Where(l => l.StartsWith("curl ", StringComparison.Ordinal) && !l.Contains("/__admin/", StringComparison.Ordinal)
            && !l.Contains("$S", StringComparison.Ordinal)).ToList();
        curls.Count.ShouldBeGreaterThanOrEqualTo(2);

        foreach (var curl in curls)
        {
            // When each README curl is sent, its host and port swapped for the test server's
            var url = UrlInCurl().Match(curl).Value
                .Replace("http://127.0.0.1:8080", host.Server.DirectUrl, StringComparison.Ordinal)
                .Replace("http://127.0.0.1:8086", host.Server.AppUrl, StringComparison.Ordinal);
            var body = BodyInCurl().Match(curl).Groups["body"].Value;
            using var response = await host.PostAsync(url, body);

            // Then it is the documented success envelope with the docs' example data
            response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, curl);
            var json = await MockHost.JsonAsync(response);
            json["code"]!.GetValue<int>().ShouldBe(200);
            json["data"]!["chatId"]!.GetValue<string>().ShouldBe("u0001106268050147246664");
        }
    }

    [Fact]
    public async Task SessionCurlExamples_AgainstTheWriteDocs_CloseListAndReset()
    {
        // Given the mock on the write docs, and the README's session curls in order
        await using var host = await ActionsHost.StartAsync();
        var curls = ShellLines().Where(l => l.StartsWith("curl ", StringComparison.Ordinal) && (l.Contains("$S", StringComparison.Ordinal) || l.Contains("/__admin/opmock/", StringComparison.Ordinal))).ToList();
        curls.Count.ShouldBe(5);
        var answers = new List<string>();
        foreach (var curl in curls)
        {
            // When each is sent as curl would, in the session the README names
            var url = UrlInCurl().Match(curl).Value.TrimEnd('\'').Replace("http://127.0.0.1:8080", host.Host.Server.DirectUrl, StringComparison.Ordinal);
            var method = curl.Contains("-X PUT", StringComparison.Ordinal) ? HttpMethod.Put : curl.Contains(" -d ", StringComparison.Ordinal) || curl.Contains("-X POST", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get;
            using var request = new HttpRequestMessage(method, url);
            if (curl.Contains(" -d ", StringComparison.Ordinal))
            {
                request.Content = new StringContent(BodyInCurl().Match(curl).Groups["body"].Value, System.Text.Encoding.UTF8, "application/json");
            }

            if (curl.Contains("$S", StringComparison.Ordinal))
            {
                request.Headers.Add("X-OpMock-Session", "e2e-42");
            }

            using var response = await host.Host.Client.SendAsync(request);
            response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, curl);
            answers.Add(await response.Content.ReadAsStringAsync());
        }

        // Then the close took the chat off the list, the session is listed with its change, and the reset was done
        answers[1].ShouldNotContain(ActionsHost.Chat);
        answers[2].ShouldContain("\"name\":\"e2e-42\",\"changes\":1");
        answers[3].ShouldContain("\"scenario\":\"slow\"");
        answers[4].ShouldBe("{\"reset\":\"e2e-42\"}");
    }

    [Fact]
    public async Task AdminCurlExamples_AgainstTheMock_AddAStubThatWinsThenRemoveIt()
    {
        // Given the mock, and the README's admin example: a POST adding a stub, a DELETE removing it
        await using var host = await MockHost.StartAsync();
        var curls = ShellLines().Where(l => l.StartsWith("curl ", StringComparison.Ordinal) && l.Contains("/__admin/", StringComparison.Ordinal)
            && !l.Contains("/__admin/opmock/", StringComparison.Ordinal)).ToList();
        var add = curls.Single(l => l.Contains("-X POST", StringComparison.Ordinal));
        var remove = curls.Single(l => l.Contains("-X DELETE", StringComparison.Ordinal));
        string Local(string curl) => UrlInCurl().Match(curl).Value.Replace("http://127.0.0.1:8080", host.Server.DirectUrl, StringComparison.Ordinal);
        var stub = JsonNode.Parse(BodyInCurl().Match(add).Groups["body"].Value)!;
        var route = stub["Request"]!["Path"]!.GetValue<string>();

        // When the stub is added, then it answers the route instead of the world
        using var added = await host.PostAsync(Local(add), BodyInCurl().Match(add).Groups["body"].Value);
        added.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created);
        var guid = (await MockHost.JsonAsync(added))["Guid"]!.GetValue<string>();
        (await MockHost.JsonAsync(await host.PostDirectAsync(route, "{}")))["code"]!.GetValue<int>().ShouldBe(500);

        // And once removed, the route answers from the world again
        using var removed = await host.Client.DeleteAsync(Local(remove).Replace("GUID", guid, StringComparison.Ordinal));
        removed.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        (await MockHost.JsonAsync(await host.PostDirectAsync(route, "{}")))["code"]!.GetValue<int>().ShouldBe(200);
    }

    [Fact]
    public void ComposeFile_InReadme_IsTheShippedOneFromItsServices()
    {
        // Given the README's Compose example and the shipped compose.yaml
        var shipped = File.ReadAllText(Path.Combine(Repo.Root, "compose.yaml")).ReplaceLineEndings("\n");
        var shown = CodeBlock().Matches(Pages).Select(b => b.Groups["body"].Value).Single(b => b.Contains("services:", StringComparison.Ordinal));

        // Then the README shows the file as shipped (its comments aside), and both replicas share one Redis by --state's variable
        shipped.ShouldEndWith(shown);
        shown.ShouldContain("OPMOCK_STATE: redis://redis:6379/0");
        Regex.Matches(shown, @"<<: \*opmock").Count.ShouldBe(2);
    }

    /// <summary>Splits like a shell: spaces separate, quotes group.</summary>
    private static string[] Tokenize(string line) =>
        [.. Token().Matches(line).Select(m => m.Groups["q"].Success ? m.Groups["q"].Value : m.Groups["d"].Success ? m.Groups["d"].Value : m.Value)];

    [GeneratedRegex(@"```(?:sh|yaml|bash)?\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"\s+#.*$")]
    private static partial Regex CommentOutsideQuotes();

    [GeneratedRegex(@"'(?<q>[^']*)'|""(?<d>[^""]*)""|\S+")]
    private static partial Regex Token();

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/\S+")]
    private static partial Regex UrlInCurl();

    [GeneratedRegex(@"-d '(?<body>[^']*)'")]
    private static partial Regex BodyInCurl();
}
