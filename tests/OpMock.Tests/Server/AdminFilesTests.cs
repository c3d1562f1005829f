using OpMock.Core.Server;
using OpMock.Tests.Support;

namespace OpMock.Tests.Server;

public sealed class AdminFilesTests : IDisposable
{
    private readonly TempFolder temp = new();

    public AdminFilesTests()
    {
        temp.Write("root/__admin/mappings/ok.json", "{}");
        temp.Write("root/__admin/mappings/sub/deep.json", "{}");
        temp.Write("secret.txt", "secret");
        var folder = Path.Combine(temp.Path, "root", "__admin", "mappings");
        File.CreateSymbolicLink(Path.Combine(folder, "out.json"), Path.Combine(temp.Path, "secret.txt"));
        File.CreateSymbolicLink(Path.Combine(folder, "in.json"), "sub/deep.json");
        Directory.CreateSymbolicLink(Path.Combine(folder, "sub", "back"), "..");
        Directory.CreateSymbolicLink(Path.Combine(folder, "tmp"), temp.Path);
        File.CreateSymbolicLink(Path.Combine(folder, "loop1"), "loop2");
        File.CreateSymbolicLink(Path.Combine(folder, "loop2"), "loop1");
    }

    public static TheoryData<string, string?> Paths => new()
    {
        // path as a stub gives it, refusal contains (null: allowed)
        { "ok.json", null },
        { "/ok.json", null },
        { "sub/deep.json", null },
        { "sub\\deep.json", null },
        { "in.json", null },
        { "sub/back/ok.json", null },
        { "out.json", "leads out of" },
        { "tmp/secret.txt", "leads out of" },
        { "sub/back/../../../secret.txt", "is not a file in" },
        { "tmp/../ok.json", null },
        { "../../../secret.txt", "outside" },
        { "missing.json", "is not a file in" },
        { "sub", "is not a file in" },
        { "loop1", "a loop of links" },
        { "/dev/zero", "outside" },
        { "/etc/passwd", "outside" },
        { "{{request.query.f}}", "template" },
        { "ok.json\0.txt", "NUL" },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public void Problem_Path_AllowedOnlyForRegularFilesInsideTheFolder(string path, string? refused)
    {
        // Given WireMock's folder under a root, with files, links in and out, and a loop of links
        var files = new AdminFiles(Path.Combine(temp.Path, "root"));

        // When a stub names the path
        var problem = files.Problem(path);

        // Then only a regular file whose real path is inside the folder is allowed
        if (refused is null)
        {
            problem.ShouldBeNull();
        }
        else
        {
            problem.ShouldNotBeNull().ShouldContain(refused);
        }
    }

    [Theory]
    [InlineData("rec-", null)]
    [InlineData("../x", "plain file-name prefix")]
    [InlineData("a/b", "plain file-name prefix")]
    public void NamePart_Prefix_PlainNamesOnly(string prefix, string? refused)
    {
        // Given a prefix for the files WireMock saves; When it is checked; Then folders and .. are refused
        var problem = AdminFiles.NamePart(prefix);
        if (refused is null)
        {
            problem.ShouldBeNull();
        }
        else
        {
            problem.ShouldNotBeNull().ShouldContain(refused);
        }
    }

    public void Dispose() => temp.Dispose();
}
