using System.Collections.Immutable;
using OpMock.Core.Docs;
using OpMock.Core.Schemas;
using OpMock.Tests.Support;

namespace OpMock.Tests.Docs;

/// <summary>A GET doc's params read from the query as the doc types them; null where the doc allows it and text cannot mean it.</summary>
public sealed class QueryParametersTests
{
    private static async Task<Endpoint> FeedbackListAsync() =>
        (await ApiContract.LoadAsync(TestDocs.OpenApi, null)).Endpoints.Single(e => e.Endpoint.Route == "/op/v2/getFeedbackList").Endpoint;

    [Theory]
    [InlineData("minScore", "null", "null")]  // a nullable int: `null` and the empty value are null
    [InlineData("minScore", "", "null")]
    [InlineData("minScore", "3", "3")]
    [InlineData("minScore", "three", "\"three\"")] // not a number: text, for the schema to name
    [InlineData("keyword", "null", "\"null\"")] // a nullable text: `null` is the word, the empty value is empty text
    [InlineData("keyword", "", "\"\"")]
    [InlineData("pageNo", "", "null")]          // pageNo may be left out (可为空 是), so `pageNo=` is null too
    [InlineData("staffId", "null", "\"null\"")] // required text: always text
    public async Task Read_QueryValue_TypedAsTheDocSays(string name, string text, string json)
    {
        var endpoint = await FeedbackListAsync();

        var parameters = QueryParameters.Read(endpoint, ImmutableDictionary<string, string>.Empty.Add(name, text));

        parameters.ContainsKey(name).ShouldBeTrue();
        (parameters[name]?.ToJsonString() ?? "null").ShouldBe(json);
    }
}
