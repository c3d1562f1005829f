using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using OpMock.Core.Fixtures;
using OpMock.Core.OpenApi;
using OpMock.Core.Schemas;
using OpMock.Tests.Support;

namespace OpMock.Tests.OpenApi;

/// <summary>The shipped docs (frozen in TestDocs/base) exported once, and read back with Microsoft.OpenApi's own reader.</summary>
internal static class ShippedDocs
{
    public static async Task<string> ExportAsync()
    {
        var contract = await ApiContract.LoadAsync(TestDocs.Base, TestDocs.BaseOverrides);
        return OpenApiExport.ToJson(OpenApiExport.Build(contract, scenarios: await ScenariosAsync()));
    }

    /// <summary>The shipped docs plus more, given as (path under the docs folder, text).</summary>
    public static async Task<string> ExportWithAsync(params (string Path, string Text)[] more)
    {
        using var temp = new TempFolder();
        var docs = temp.CopyShippedDocs();
        foreach (var (path, text) in more)
        {
            temp.Write(System.IO.Path.Combine("docs", path), text);
        }

        var contract = await ApiContract.LoadAsync(docs, System.IO.Path.Combine(temp.Path, "overrides.yaml"));
        return OpenApiExport.ToJson(OpenApiExport.Build(contract, scenarios: await ScenariosAsync()));
    }

    /// <summary>The test fixtures' scenarios, which `opmock serve --fixtures` of the same folder accepts.</summary>
    public static async Task<IReadOnlyCollection<Scenario>> ScenariosAsync() =>
        [.. (await FixtureLoader.LoadAsync(TestFixtures.Base)).Scenarios.Values];

    /// <summary>2.36 moved to another route and method, as a new doc would be written.</summary>
    public static string Doc236As(string route, string method) =>
        File.ReadAllText(System.IO.Path.Combine(TestDocs.Base, "get-op-api", "2.36.txt"))
            .Replace("/op/v2/getChatInfoByUserId", route, StringComparison.Ordinal)
            .Replace("###方式:\npost", "###方式:\n" + method, StringComparison.Ordinal);

    public static ReadResult Read(string json) => OpenApiDocument.Parse(json, OpenApiConstants.Json);
}
