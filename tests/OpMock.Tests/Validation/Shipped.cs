using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.Schemas;
using OpMock.Core.Validation;
using OpMock.Tests.Support;

namespace OpMock.Tests.Validation;

/// <summary>The shipped contract (frozen in TestDocs/base) and the docs' own examples, which every validator test starts from.</summary>
internal static class Shipped
{
    public const string Receives = Routes.Receives;
    public const string ChatInfo = Routes.ChatInfo;

    public static Task<ApiContract> ContractAsync() => ApiContract.LoadAsync(TestDocs.Base, TestDocs.BaseOverrides);

    public static async Task<ContractValidator> ValidatorAsync(bool strict = false) =>
        await ContractValidator.CreateAsync(await ContractAsync(), strict);

    /// <summary>The example response printed in the doc of a direct route.</summary>
    public static async Task<string> ExampleAsync(string route)
    {
        var contract = await ContractAsync();
        return contract.Direct(route)!.Endpoint.Doc.Example!.Text;
    }

    /// <summary>The doc's example with one edit applied, for drifts at a known path.</summary>
    public static async Task<string> DriftedAsync(string route, Action<JsonObject> edit)
    {
        var body = JsonNode.Parse(await ExampleAsync(route))!.AsObject();
        edit(body);
        return body.ToJsonString();
    }

    public const string TransferRoute = Routes.TransferRoute;
}
