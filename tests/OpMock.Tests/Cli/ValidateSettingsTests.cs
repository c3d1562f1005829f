using OpMock.Cli.Commands;
using OpMock.Core.Diagnostics;

namespace OpMock.Tests.Cli;

public sealed class ValidateSettingsTests
{
    private static readonly ValidateSettings Files = new(
        "docs", null, false, "text", null, null, "/op/v2/receives", null, ["a.json"], [], null, null, null, "5s", 0, 1, 4, null);

    /// <summary>Combinations `validate` refuses before reading anything, by the words of its one line.</summary>
    private static readonly Dictionary<string, ValidateSettings> Refused = new()
    {
        ["unknown option --strcit"] = Files with { Files = ["--strcit"] },
        ["choose one mode: --route ROUTE FILE…, --har FILE…, or --base-url URL"] = Files with { Har = ["a.har"] },
        ["choose one mode"] = Files with { Route = null, Files = [] },
        ["--app-url and --query only go with --base-url"] = Files with { AppUrl = "http://127.0.0.1:8086" },
        ["--cases must be 0 or more"] = Files with { Cases = -1 },
        ["--concurrency 1 or more"] = Files with { Concurrency = 0 },
        ["--rate above 0"] = Files with { Rate = 0 },
        ["--cases only goes with --base-url"] = Files with { Cases = 5 },
        ["--req-url only goes with --route /opapp/transfer"] = Files with { Route = null, Files = [], Har = ["a.har"], ReqUrl = "/op/v2/receives" },
    };

    public static TheoryData<string> RefusedLines => [.. Refused.Keys];

    [Theory]
    [MemberData(nameof(RefusedLines))]
    public void Validate_ImpossibleCombination_ThrowsOneLineNamingIt(string named) =>
        Should.Throw<OpMockException>(Refused[named].Validate).Message.ShouldContain(named);

    [Fact]
    public void Validate_OneMode_Passes()
    {
        Files.Validate();
        (Files with { Route = null, Files = [], BaseUrl = "http://127.0.0.1:8080", AppUrl = "http://127.0.0.1:8086", Cases = 3 }).Validate();
    }
}
