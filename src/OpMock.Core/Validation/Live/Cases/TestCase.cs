namespace OpMock.Core.Validation.Live.Cases;

/// <summary>What the contract says a server must do with a request.</summary>
internal enum Expectation
{
    /// <summary>The request schema accepts it: HTTP 200 and a body that conforms to the response schema.</summary>
    Valid,

    /// <summary>The request schema refuses it: a 4xx status or the house error envelope (code ≠ 200).</summary>
    Invalid,

    /// <summary>
    /// Only null on optional fields the docs do not call nullable: the docs say neither way, and servers
    /// commonly read null as absent. A refusal passes; a 200 must still carry a conforming body.
    /// </summary>
    Either,
}

/// <summary>How a case reaches the route: directly, or relayed by POST /opapp/transfer with a reqUrl.</summary>
internal enum Via
{
    Direct,
    Transfer,
}

/// <summary>One generated request for one documented direct route.</summary>
/// <param name="Route">The direct route whose contract the case tests (also the relayed one for a transfer).</param>
/// <param name="Why">What the case varies, for the report ("staffId absent", "userId wrong-typed").</param>
/// <param name="Body">The exact text sent: usually a JSON object, on purpose broken JSON or another value for some invalid cases.</param>
internal sealed record TestCase(string Route, Via Via, Expectation Expect, string Why, string Body)
{
    public string Kind => Expect.ToString().ToLowerInvariant();
}
