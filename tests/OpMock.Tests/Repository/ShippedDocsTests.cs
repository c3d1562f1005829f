using System.Net;
using OpMock.Core.Diagnostics;
using OpMock.Core.OpenApi;
using OpMock.Core.Schemas;
using OpMock.Core.Validation;
using OpMock.Tests.Support;

namespace OpMock.Tests.Repository;

/// <summary>
/// The docs in schemas/docs, whatever they are: the user adds wiki docs there and runs `opmock schemas`, so these
/// tests derive every expectation from the contract (no route, count or name written here). Tests asserting exact
/// routes use the frozen copy in TestDocs/base instead.
/// </summary>
public sealed class ShippedDocsTests
{
    private static Task<ApiContract> ContractAsync() => ApiContract.LoadAsync(Repo.Docs, Repo.Overrides);

    [Fact]
    public async Task Lint_ShippedDocs_ExitsZeroWithNoErrors()
    {
        // Given whatever docs schemas/docs holds, with their overrides
        // When they are linted
        var result = await Support.Cli.RunAsync("lint", "--docs", Repo.Docs);

        // Then every doc was read and none has an error (warnings are allowed)
        result.ExitCode.ShouldBe(0, result.Out + result.Error);
        result.Out.ShouldContain($"{TestDocs.Count(Repo.Docs)} docs, 0 errors, ");
    }

    [Fact]
    public async Task Build_ShippedDocs_EveryExampleValidatesAgainstItsResponseSchema()
    {
        // Given the shipped contract
        var contract = await ContractAsync();
        contract.Findings.Where(f => f.Severity == Severity.Error).ShouldBeEmpty();

        // When each doc's own example is checked against its generated schema
        var withExamples = contract.Endpoints.Where(e => e.Endpoint.Doc.Example is not null).ToList();
        foreach (var endpoint in withExamples)
        {
            var checker = await SchemaChecker.CompileAsync(endpoint.Response);

            // Then it passes
            checker.Check(endpoint.Endpoint.Doc.Example!.Text).ShouldBeEmpty(endpoint.Endpoint.Id);
        }

        withExamples.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Serve_ShippedDocs_AnswersEveryDocumentedRequestWithAValidBody()
    {
        // Given a mock on schemas/docs, and what its docs say it answers
        var contract = await ContractAsync();
        var validator = await ContractValidator.CreateAsync(contract, strict: true);
        var asks = DocSamples.For(contract);
        await using var host = await MockHost.StartAsync(docs: Repo.Docs, overrides: Repo.Overrides);

        foreach (var ask in asks)
        {
            // When each direct route and each transfer doc's target is asked with its doc's sample
            using var request = ask.ToRequest(ask.ReqUrl is null ? host.Server.DirectUrl : host.Server.AppUrl);
            using var response = await host.Client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();

            // Then it answers 200 with a body its documented schema accepts
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{ask.Label}: {body}");
            validator.Check(ask.Route, ask.ReqUrl, ask.Doc, 200, body).Violations.ShouldBeEmpty($"{ask.Label}: {body}");
        }

        asks.Select(a => a.Route).ShouldContain(r => r != Routes.TransferRoute);
    }

    [Fact]
    public async Task ToJson_ShippedDocs_ListsExactlyTheContractsRoutes()
    {
        // Given the shipped contract exported
        var contract = await ContractAsync();
        var (document, _) = OpenApi.ShippedDocs.Read(OpenApiExport.ToJson(OpenApiExport.Build(contract)));

        // Then every documented route is a path, and nothing else is
        document!.Paths.Keys.ShouldBe(contract.Endpoints.Select(e => e.Endpoint.Route).Distinct(), ignoreOrder: true);
    }
}
