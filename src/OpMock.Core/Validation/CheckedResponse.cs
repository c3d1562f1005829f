using System.Collections.Immutable;
using OpMock.Core.Diagnostics;

namespace OpMock.Core.Validation;

/// <summary>
/// One response checked against the contract.
/// </summary>
/// <param name="Route">The route the request went to (/op/v2/receives, /opapp/transfer).</param>
/// <param name="ReqUrl">For a transfer: the direct route whose schema the response follows.</param>
/// <param name="Source">Where the response came from: a file path, "session.har#12", a URL.</param>
/// <param name="Status">The HTTP status, when there was one (files have none; a refused connection has none).</param>
internal sealed record CheckedResponse(string Route, string? ReqUrl, string Source, int? Status, ImmutableArray<Violation> Violations)
{
    /// <summary>What the report groups by: a transfer is grouped under the route it relays to.</summary>
    public string Label => ReqUrl is null ? Route : $"{Route} → {ReqUrl}";

    /// <summary>False when no response came back at all (refused, timed out): a run of only those checked nothing.</summary>
    public bool Answered { get; init; } = true;

    public int Errors => Violations.Count(v => v.Severity == Severity.Error);

    public int Warnings => Violations.Count(v => v.Severity == Severity.Warning);

    public bool Failed => Errors > 0;

    /// <summary>Generated cases only: "valid", "invalid" or "either", and what the case varies.</summary>
    public (string Kind, string Why)? Case { get; init; }

    /// <summary>Generated cases only: the body sent — for a failing case, the smallest one that still fails.</summary>
    public string? Request { get; init; }

    /// <summary>Generated cases: a ready-to-paste curl replaying <see cref="Request"/>, the --query values as placeholders.</summary>
    public string? Curl { get; init; }
}
