using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.Server;
using OpMock.Tests.Support;

namespace OpMock.Tests.Server;

public sealed class WriteValuesTests
{
    private static readonly Endpoint Summary = DocSet.FromTexts("docs", [("get-op-api/8.1.txt", File.ReadAllText(Path.Combine(TestDocs.Folder, "guard", "get-op-api", "8.1.txt")))])
        .Endpoints.Single(e => !e.IsTransfer);

    /// <summary>field, the most characters it keeps, the doc's words for it (null: OpMock's default).</summary>
    public static TheoryData<string, int, string?> Bounds => new()
    {
        { "title", 30, "不超过30个字符" },
        { "remark", 200, "最多200字" },
        { "detail", 500, "长度限制500字" },
        { "extra", WriteValues.DefaultMaxChars, null },
    };

    [Theory]
    [MemberData(nameof(Bounds))]
    public void Problem_TextAtAndPastItsBound_KeptThenRefusedNamingTheBound(string field, int most, string? words)
    {
        // Given a write whose field holds exactly its bound (counted in characters: 字 is one), then one more
        JsonObject Write(int length) => new() { ["chatId"] = "u0001a", ["staffId"] = "o0001b", [field] = new string('字', length) };

        // When each is checked
        var kept = WriteValues.Problem(Summary, Write(most));
        var refused = WriteValues.Problem(Summary, Write(most + 1));

        // Then the bound is kept, and past it the refusal names the field, its length and where the bound comes from
        kept.ShouldBeNull();
        refused.ShouldNotBeNull();
        refused.Value.Field.ShouldBe(field);
        refused.Value.Message.ShouldBe(words is null
            ? $"{field}: {most + 1} characters; a written value keeps at most {most} characters (the doc gives no bound of its own)"
            : $"{field}: {most + 1} characters; the doc allows at most {most} ({words})");
    }

    [Fact]
    public void Problem_TextInsideAListOfObjects_BoundedByItsName()
    {
        var write = new JsonObject { ["chatId"] = "u0001a", ["notes"] = new JsonArray(new JsonObject { ["remark"] = new string('a', 201) }) };

        WriteValues.Problem(Summary, write)!.Value.Field.ShouldBe("notes[0].remark");
    }
}
