using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using OpMock.Core.OpenApi;
using OpMock.Core.Schemas;
using OpMock.Tests.Support;

namespace OpMock.Tests.OpenApi;

/// <summary>The shipped docs exported once, and read back with Microsoft.OpenApi's own reader.</summary>
internal static class ShippedDocs
{
    public static async Task<string> ExportAsync()
    {
        var contract = await ApiContract.LoadAsync(Repo.Docs, Repo.Overrides);
        return OpenApiExport.ToJson(OpenApiExport.Build(contract));
    }

    public static ReadResult Read(string json) => OpenApiDocument.Parse(json, OpenApiConstants.Json);
}
