using OpMock.Cli.Commands;
using OpMock.Core.Diagnostics;
using OpMock.Tests.Support;

namespace OpMock.Tests.Cli;

public sealed class SchemasSettingsTests
{
    [Fact]
    public void Validate_OutIsAFile_ThrowsNamingIt()
    {
        using var temp = new TempFolder();
        var file = temp.Write("json", "{}");

        Should.Throw<OpMockException>(new SchemasSettings("docs", null, file, Check: false).Validate).Message
            .ShouldBe($"--out {file} is a file: the schemas are written into a folder");
    }

    [Fact]
    public void Validate_OutAFolderOrNew_Passes()
    {
        using var temp = new TempFolder();
        new SchemasSettings("docs", null, temp.Path, Check: true).Validate();
        new SchemasSettings("docs", null, Path.Combine(temp.Path, "new"), Check: false).Validate();
    }
}
