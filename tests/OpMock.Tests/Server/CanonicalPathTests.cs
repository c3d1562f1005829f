using OpMock.Core.Server;

namespace OpMock.Tests.Server;

public sealed class CanonicalPathTests
{
    [Theory]
    [InlineData("/op/v2/receives", "/op/v2/receives")]
    [InlineData("/__admin%2Frequests", "/__admin/requests")]
    [InlineData("/__admin%2frequests", "/__admin/requests")]
    [InlineData("/%5F%5Fadmin%2Fmappings", "/__admin/mappings")]
    [InlineData("/__admin%252Frequests", "/__admin/requests")]
    [InlineData("/__admin%25252Frequests", "/__admin/requests")]
    [InlineData("/__admin%5Crequests", "/__admin/requests")]
    [InlineData("/__admin\\requests", "/__admin/requests")]
    [InlineData("//__admin//requests", "/__admin/requests")]
    [InlineData("/./__admin/./requests", "/__admin/requests")]
    [InlineData("/x/../__admin/requests", "/__admin/requests")]
    [InlineData("/x/%2E%2E/__admin/requests", "/__admin/requests")]
    [InlineData("/../../__admin", "/__admin")]
    [InlineData("/__opmock/", "/__opmock/")]
    [InlineData("/100%zz", "/100%zz")]
    [InlineData("", "/")]
    public void Of_EncodedOrFolded_ReadsAsTheServerDoes(string raw, string canonical) =>
        CanonicalPath.Of(raw, out _).ShouldBe(canonical);

    [Theory]
    [InlineData("/__admin%2525252Frequests", "encoded more than")]
    [InlineData("/__admin%00/requests", "control")]
    [InlineData("/a%0D%0AHost:%20x", "control")]
    public void Of_UnreadablePath_IsRefusedWithWhy(string raw, string why)
    {
        CanonicalPath.Of(raw, out var problem).ShouldBeNull();
        problem.ShouldNotBeNull().ShouldContain(why);
    }

    [Theory]
    [InlineData("/__admin", true)]
    [InlineData("/__ADMIN/mappings", true)]
    [InlineData("/__opmock/", true)]
    [InlineData("/__opmock/avatars/u1.svg", true)]
    [InlineData("/__adminx", false)]
    [InlineData("/op/__admin", false)]
    public void Guarded_Path_IsTheAdminApiOrTheConsole(string canonical, bool guarded) =>
        CanonicalPath.Guarded(canonical).ShouldBe(guarded);
}
