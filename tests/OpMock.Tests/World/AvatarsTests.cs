using System.Text.Json.Nodes;
using System.Xml.Linq;
using OpMock.Core.World;

namespace OpMock.Tests.World;

public sealed class AvatarsTests
{
    [Theory]
    [InlineData("u0001abc", "王思远", "王")]
    [InlineData("u0001abc", "  李娜", "李")]
    [InlineData("o0001abc", null, "O")]
    [InlineData("i9f8e", "", "I")]
    [InlineData("client", "iOS", "I")]
    [InlineData("x", "𠀀字", "𠀀")]
    public void Initial_NameOrId_IsItsFirstCharacter(string id, string? name, string initial) =>
        Avatars.Initial(id, name).ShouldBe(initial);

    [Theory]
    [InlineData("王思远")]
    [InlineData("<script>&\"'")]
    [InlineData(null)]
    public void Svg_AnyName_IsSmallWellFormedSvgShowingTheInitial(string? name)
    {
        // When an image is drawn for an id and a name
        var svg = Avatars.Svg("u0001" + new string('a', 32), name);

        // Then it is a small, well-formed SVG document whose text is the initial
        svg.Length.ShouldBeLessThan(600);
        var root = XDocument.Parse(svg).Root!;
        root.Name.LocalName.ShouldBe("svg");
        root.Descendants().Single(e => e.Name.LocalName == "text").Value.ShouldBe(Avatars.Initial("u0001" + new string('a', 32), name));
    }

    [Fact]
    public void Svg_Default_IsTheSharedSilhouette()
    {
        var svg = Avatars.Svg(Avatars.DefaultId, "王思远");

        XDocument.Parse(svg).Root!.Descendants().ShouldNotContain(e => e.Name.LocalName == "text");
    }

    [Fact]
    public void Svg_ManyIds_SpreadOverTheColoursAndKeepTheirOwn()
    {
        var fills = Enumerable.Range(0, 500).Select(i => Fill(Avatars.Svg("u" + i, "王"))).ToList();

        fills.Distinct().Count().ShouldBeGreaterThanOrEqualTo(12);
        Fill(Avatars.Svg("u7", "王")).ShouldBe(fills[7]);

        static string Fill(string svg) => XDocument.Parse(svg).Root!.Elements().First().Attribute("fill")!.Value;
    }

    [Theory]
    [InlineData("u0001abc", true)]
    [InlineData("635d69a89716478c9c7b7fc5ea948fe5_100", true)]
    [InlineData("a-b", true)]
    [InlineData("", false)]
    [InlineData("a.b", false)]
    [InlineData("a/b", false)]
    [InlineData("王", false)]
    [InlineData("a%2e", false)]
    public void IsId_Text_IsBoundedAsciiWithoutDotsOrSlashes(string id, bool valid) =>
        Avatars.IsId(id).ShouldBe(valid);

    [Fact]
    public void IsId_TooLong_IsNoId()
    {
        Avatars.IsId(new string('a', Avatars.MaxIdLength)).ShouldBeTrue();
        Avatars.IsId(new string('a', Avatars.MaxIdLength + 1)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("localhost:8080", "http://localhost:8080")]
    [InlineData("192.168.1.20:18080", "http://192.168.1.20:18080")]
    [InlineData("[::1]:8086", "http://[::1]:8086")]
    [InlineData("opmock", "http://opmock")]
    [InlineData(null, "http://" + Avatars.FallbackHost)]
    [InlineData("", "http://" + Avatars.FallbackHost)]
    [InlineData("evil\"><img", "http://" + Avatars.FallbackHost)]
    [InlineData("a b", "http://" + Avatars.FallbackHost)]
    public void Base_HostHeader_IsUsedOnlyWhenItIsHostCharacters(string? host, string expected) =>
        Avatars.Base(host).ShouldBe(expected);

    [Fact]
    public void Link_ImagePaths_BecomeUrlsOnTheHostAndOtherValuesStay()
    {
        // Given data holding image paths at every depth, an example's own URL and other text
        var data = new JsonObject
        {
            ["icon"] = Avatars.Path("u1"),
            ["user"] = new JsonObject { ["avatar"] = Avatars.Path("u2"), ["name"] = "/__opmock/avatar" },
            ["pics"] = new JsonArray(Avatars.Path("i3"), "http://img.example.com/a.png", 5, null),
            ["logo"] = "http://img.example.com/logo.png",
        };

        // When it is linked for a host
        Avatars.Link(data, "http://h:1");

        // Then the paths are URLs on it and nothing else changed
        data["icon"]!.GetValue<string>().ShouldBe("http://h:1/__opmock/avatars/u1.svg");
        data["user"]!["avatar"]!.GetValue<string>().ShouldBe("http://h:1/__opmock/avatars/u2.svg");
        data["user"]!["name"]!.GetValue<string>().ShouldBe("/__opmock/avatar");
        data["pics"]![0]!.GetValue<string>().ShouldBe("http://h:1/__opmock/avatars/i3.svg");
        data["pics"]![1]!.GetValue<string>().ShouldBe("http://img.example.com/a.png");
        data["logo"]!.GetValue<string>().ShouldBe("http://img.example.com/logo.png");
    }
}
