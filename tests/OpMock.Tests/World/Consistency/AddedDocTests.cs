using System.Text.Json.Nodes;
using OpMock.Core.Json;
using OpMock.Core.Schemas;
using OpMock.Tests.Support;

namespace OpMock.Tests.World.Consistency;

/// <summary>
/// Adding a doc never changes another doc's sample answer (issue 26.1): the frozen shipped three answer their
/// examples; with a message-list doc added whose example places 2.36's user in another chat, each of them still
/// answers its own example, byte for byte as before, directly and through /opapp/transfer. (The added doc's own
/// sample answering its example where it disagrees about a link — the user's chat — is still open: see the report.)
/// </summary>
public sealed class AddedDocTests
{
    private static readonly string Added = Path.Combine(TestDocs.Folder, "world-added");

    [Fact]
    public async Task Samples_MessageListDocAdded_TheSetsSamplesAnswerAsBefore()
    {
        // Given the set whose samples pass, and the same set with the message-list doc added
        using var temp = new TempFolder();
        var docs = Path.Combine(temp.Path, "docs");
        foreach (var file in TestDocs.Files(TestDocs.Base).Concat(TestDocs.Files(Added, "*.txt")))
        {
            var from = File.Exists(Path.Combine(TestDocs.Base, file)) ? Path.Combine(TestDocs.Base, file) : Path.Combine(Added, file);
            temp.Write(Path.Combine("docs", file), File.ReadAllText(from));
        }

        // When every sample is sent, before and after
        var before = await MismatchesAsync(TestDocs.Base);
        var after = await MismatchesAsync(docs);

        // Then before, every sample answers its example; after, each of those answers exactly as before
        before.Mismatches.ShouldBeEmpty();
        before.Answers.Keys.ShouldBe(["get-op-api/2.19", "get-op-api/2.36", "get-op-app/2.9"], ignoreOrder: true);
        after.Answers.Keys.ShouldContain("get-op-api/9.6");
        // (apart from the one offset that moves every example instant to the present: it follows the set's newest example)
        var same = new PresentExamples();
        foreach (var (doc, answers) in before.Answers)
        {
            same.Matches(JsonNode.Parse(after.Answers[doc]), JsonNode.Parse(answers)).ShouldBeTrue(doc);
        }
    }

    /// <summary>Every read doc's sample sent directly and relayed: each doc's answers (data and page), and each answer that is not its example.</summary>
    private static async Task<(Dictionary<string, string> Answers, List<string> Mismatches)> MismatchesAsync(string docs)
    {
        await using var host = await MockHost.StartAsync(docs: docs, overrides: TestDocs.BaseOverrides);
        var contract = await ApiContract.LoadAsync(docs, TestDocs.BaseOverrides);
        var (answered, mismatches) = (new Dictionary<string, string>(StringComparer.Ordinal), new List<string>());
        var present = new PresentExamples();
        foreach (var endpoint in contract.Endpoints.Select(e => e.Endpoint).Where(e => e.Doc.Sample is not null))
        {
            var target = endpoint.IsTransfer ? contract.Direct(endpoint.TransferTarget!)!.Endpoint : endpoint;
            if ((endpoint.Doc.Example ?? target.Doc.Example) is not { } example || host.Server.Engine.State.Effects.Writes(target.Route))
            {
                continue;
            }

            var documented = OpJson.TryParse(example.Text, out _, out _)!.AsObject();
            var body = endpoint.Doc.Sample!.Body is { } text ? OpJson.TryParse(text.Text, out _, out _)!.AsObject() : [];
            var query = endpoint.Doc.Sample.Query.FirstOrDefault(q => q.Key == "token").Value is { } token ? "?token=" + token : "";
            body.Remove("reqUrl");
            var relayed = body.DeepClone().AsObject();
            relayed.Insert(0, "reqUrl", target.Route);
            var direct = await MockHost.JsonAsync(await host.PostDirectAsync(target.Route, OpJson.ToCompactText(body), query: query));
            var transfer = await MockHost.JsonAsync(await host.PostTransferAsync(OpJson.ToCompactText(relayed), query: query));
            foreach (var answer in new[] { direct, transfer })
            {
                if (!present.Matches(answer["data"], documented["data"]) || !present.Matches(answer["page"], documented["page"]))
                {
                    mismatches.Add($"{endpoint.Id}: {answer["data"]?.ToJsonString()} {answer["page"]?.ToJsonString()}");
                }
            }

            answered[endpoint.Id] = new JsonArray(direct["data"]?.DeepClone(), direct["page"]?.DeepClone(), transfer["data"]?.DeepClone(), transfer["page"]?.DeepClone()).ToJsonString();
        }

        return (answered, mismatches);
    }
}
