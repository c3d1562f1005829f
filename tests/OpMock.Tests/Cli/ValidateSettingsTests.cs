using OpMock.Cli.Commands;
using OpMock.Core.Diagnostics;

namespace OpMock.Tests.Cli;

public sealed class ValidateSettingsTests
{
    private static readonly ValidateSettings Files = new(
        "docs", null, false, "text", null, null, "/op/v2/receives", null, ["a.json"], [], null, null, null, "5s", 0, 1, 4, null);

    /// <summary>Combinations `validate` refuses before reading anything, each with the words of its one line.</summary>
    public static TheoryData<ValidateSettings, string> Refused => new()
    {
        { Files with { Files = ["--strcit"] }, "unknown option --strcit" },
        { Files with { Har = ["a.har"] }, "choose one mode" },
        { Files with { Route = null, Files = [] }, "choose one mode" },
        { Files with { AppUrl = "http://127.0.0.1:8086" }, "--app-url and --query only go with --base-url" },
        { Files with { Cases = -1 }, "--cases must be 0 or more" },
        { Files with { Concurrency = 0 }, "--concurrency 1 or more" },
        { Files with { Rate = 0 }, "--rate above 0" },
        { Files with { Cases = 5 }, "--cases only goes with --base-url" },
        { Files with { Route = null, Files = [], Har = ["a.har"], ReqUrl = "/op/v2/receives" }, "--req-url only goes with --route /opapp/transfer" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Validate_ImpossibleCombination_ThrowsOneLineNamingIt(ValidateSettings settings, string named) =>
        Should.Throw<OpMockException>(settings.Validate).Message.ShouldContain(named);

    [Fact]
    public void Validate_OneMode_Passes()
    {
        Files.Validate();
        (Files with { Route = null, Files = [], BaseUrl = "http://127.0.0.1:8080", AppUrl = "http://127.0.0.1:8086", Cases = 3 }).Validate();
    }
}
