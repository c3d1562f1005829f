using System.Collections.Immutable;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpMock.Core.Diagnostics;
using OpMock.Core.Docs;
using OpMock.Core.Json;
using OpMock.Core.Schemas;
using OpMock.Core.Server;
using OpMock.Core.Transfer;
using OpMock.Core.Validation;
using OpMock.Core.Validation.Har;

namespace OpMock.Core.Diff;

/// <summary>One finding of a recorded exchange the new docs refuse, with the change that causes it.</summary>
/// <param name="Index">The entry's position in log.entries, 0-based.</param>
/// <param name="Where">request, response or route.</param>
/// <param name="Path">The finding's JSON path (data.chats[2].createTime), or $ for the exchange as a whole.</param>
/// <param name="Cause">The change that explains it; null when none of the listed changes does.</param>
internal sealed record BrokenExchange(string File, int Index, string Method, string Url, string Where, string Path, string Problem, Change? Cause)
{
    public string Source => $"{File} entries[{Index}]";
}

/// <summary>How many recorded exchanges were replayed, and the findings of those the new docs refuse.</summary>
internal sealed record ReplayResult(int Replayed, ImmutableArray<BrokenExchange> Broken)
{
    public static readonly ReplayResult None = new(0, []);

    /// <summary>Exchanges with at least one finding (an exchange can have several).</summary>
    public int BrokenCount => Broken.Select(b => (b.File, b.Index)).Distinct().Count();
}

/// <summary>
/// Replays recorded traffic (HAR files, the proxy's --record folder) against both versions of the docs with the
/// validator the server and `validate` use. An exchange is broken when the new docs refuse what the base docs
/// accepted: findings it already had are `validate`'s business, not this change's. A finding explained only by a
/// safe change (a response field added: the recording predates it) breaks no client and is not listed.
/// </summary>
internal sealed partial class TrafficReplay
{
    private readonly Side before;
    private readonly Side after;
    private readonly ImmutableArray<Change> changes;

    private TrafficReplay(Side before, Side after, ImmutableArray<Change> changes)
    {
        this.before = before;
        this.after = after;
        this.changes = changes;
    }

    public static async Task<TrafficReplay> CreateAsync(ApiContract before, ApiContract after, ImmutableArray<Change> changes) =>
        new(await Side.CreateAsync(before), await Side.CreateAsync(after), changes);

    public async Task<ReplayResult> ReplayAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken = default)
    {
        var replayed = 0;
        var broken = ImmutableArray.CreateBuilder<BrokenExchange>();
        foreach (var file in HarChecks.Expand(paths))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await foreach (var entry in HarReader.ReadAsync(stream, file, cancellationToken))
            {
                var found = Replay(file, entry);
                if (found is not null)
                {
                    replayed++;
                    broken.AddRange(found);
                }
            }
        }

        return new ReplayResult(replayed, broken.ToImmutable());
    }

    /// <returns>Null when the entry is no evidence (not a documented route in the base, a preflight); else its findings.</returns>
    private List<BrokenExchange>? Replay(string file, HarEntry entry)
    {
        if (entry.Method.ToUpperInvariant() is "OPTIONS" or "HEAD")
        {
            return null;
        }

        var path = ContractValidator.NormalizeRoute(entry.Path);
        var transfer = ContractValidator.IsTransfer(path);
        var reqUrl = transfer ? ReqUrl.Find(entry.RequestReqUrlParam, entry.RequestText) : null;
        if (before.Find(path, reqUrl) is not { } old)
        {
            return null;
        }

        var labels = Labels(old.Schemas.Endpoint, reqUrl);
        var found = new List<BrokenExchange>();
        void Add(string where, string at, string problem) =>
            found.Add(new BrokenExchange(file, entry.Index, entry.Method.ToUpperInvariant(), entry.Url, where, at, problem, Cause(labels, where, at)));

        if (after.Find(path, reqUrl) is not { } now)
        {
            Add(Change.InRoute, "$", transfer ? $"reqUrl `{reqUrl}` is no longer a documented route" : $"{path} is no longer a documented route");
            return found;
        }

        labels = [.. labels, .. Labels(now.Schemas.Endpoint, reqUrl)];
        var method = now.Schemas.Endpoint.Method;
        if (!transfer && !string.Equals(entry.Method, method, StringComparison.OrdinalIgnoreCase)
            && string.Equals(entry.Method, old.Schemas.Endpoint.Method, StringComparison.OrdinalIgnoreCase))
        {
            Add(Change.InRoute, "$", $"{path} takes {method.ToUpperInvariant()} now, not {entry.Method.ToUpperInvariant()}");
            return found;
        }

        foreach (var violation in New(old.Request(entry, transfer), now.Request(entry, transfer)))
        {
            Add(Change.InRequest, violation.Path, violation.Message);
        }

        if (entry.Error is null && entry.Status != 0 && entry.TryReadBytes(out var bytes) && (bytes is not null || entry.Text is not null))
        {
            var source = $"{file} entries[{entry.Index}]";
            var status = entry.BadStatus is null ? entry.Status : (int?)null;
            CheckedResponse Check(ContractValidator validator) => bytes is null
                ? validator.Check(path, reqUrl, source, status, entry.Text!)
                : validator.Check(path, reqUrl, source, status, bytes);
            foreach (var violation in New(Check(before.Validator).Violations, Check(after.Validator).Violations))
            {
                Add(Change.InResponse, violation.Path, violation.Message);
            }
        }

        // A finding only a safe change explains predates that change, and breaks no client.
        found.RemoveAll(b => b.Cause is { Severity: ChangeSeverity.Safe });
        return found;
    }

    private static IEnumerable<Violation> New(IEnumerable<Violation> before, IEnumerable<Violation> after)
    {
        var known = before.Select(v => (v.Path, v.Message)).ToHashSet();
        return after.Where(v => !known.Contains((v.Path, v.Message)));
    }

    private static ImmutableArray<string> Labels(Endpoint endpoint, string? reqUrl) =>
        [ContractDiff.Label(endpoint), .. reqUrl is null ? [] : new[] { ContractValidator.NormalizeRoute(reqUrl) }, ContractDiff.EnvelopeRoute];

    /// <summary>
    /// The change behind a finding: one on the same field, else on a field it lies under (an object retyped or
    /// removed), else one under it (a finding on the object a field was added to), else one on the route itself.
    /// </summary>
    private Change? Cause(ImmutableArray<string> labels, string where, string path)
    {
        var field = Index().Replace(path, "[]");
        // The exchange's own route first: a transfer's finding is the transfer doc's change before the relayed route's.
        var candidates = changes.Where(c => labels.Contains(c.Route, StringComparer.OrdinalIgnoreCase))
            .OrderBy(c => labels.IndexOf(labels.First(l => string.Equals(l, c.Route, StringComparison.OrdinalIgnoreCase)))).ToList();
        if (where == Change.InRoute)
        {
            return candidates.FirstOrDefault(c => c.Kind is ChangeKind.RouteRemoved or ChangeKind.UrlChanged or ChangeKind.MethodChanged or ChangeKind.TransferTargetChanged);
        }

        var side = candidates.Where(c => c.Where == where).OrderBy(c => c.Severity).ToList();
        return side.FirstOrDefault(c => c.Path == field || (c.Kind == ChangeKind.ResponseFieldRenamed && c.After == field))
            ?? side.FirstOrDefault(c => IsUnder(field, c.Path))
            ?? side.FirstOrDefault(c => IsUnder(c.Path, field))
            ?? candidates.FirstOrDefault(c => c.Kind is ChangeKind.TransferTargetChanged);
    }

    private static bool IsUnder(string path, string root) =>
        root.Length > 0 && path.Length > root.Length && path.StartsWith(root, StringComparison.Ordinal) && path[root.Length] is '.' or '[' or '{';

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();

    /// <summary>One version of the docs, compiled: the response validator (strict: an undocumented field is refused) and each doc's request schema.</summary>
    private sealed record Side(ApiContract Contract, ContractValidator Validator, ImmutableDictionary<string, SchemaChecker> Requests)
    {
        public static async Task<Side> CreateAsync(ApiContract contract)
        {
            var requests = ImmutableDictionary.CreateBuilder<string, SchemaChecker>();
            foreach (var endpoint in contract.Endpoints)
            {
                requests[endpoint.Endpoint.Id] = await SchemaChecker.CompileAsync(endpoint.Request);
            }

            return new Side(contract, await ContractValidator.CreateAsync(contract, strict: true), requests.ToImmutable());
        }

        /// <summary>The doc a request is checked against: the direct route's, or a transfer doc relaying to reqUrl (as the mock picks it).</summary>
        public Target? Find(string path, string? reqUrl)
        {
            if (!ContractValidator.IsTransfer(path))
            {
                return Contract.Direct(path) is { } direct ? new Target(this, direct, Transfer: false) : null;
            }

            if (reqUrl is null)
            {
                return null;
            }

            var route = ContractValidator.NormalizeRoute(reqUrl);
            return Contract.Endpoints.FirstOrDefault(e => e.Endpoint.IsTransfer && string.Equals(e.Endpoint.TransferTarget, route, StringComparison.OrdinalIgnoreCase)) is { } doc
                ? new Target(this, doc, Transfer: true)
                : Contract.Direct(route) is { } relayed ? new Target(this, relayed, Transfer: false) : null;
        }
    }

    private sealed record Target(Side Side, EndpointSchemas Schemas, bool Transfer)
    {
        /// <summary>The request's findings under this doc; none when the recording holds no request to check.</summary>
        public IEnumerable<Violation> Request(HarEntry entry, bool relayed)
        {
            var endpoint = Schemas.Endpoint;
            JsonObject? body;
            if (!relayed && QueryParameters.Carries(endpoint.Method))
            {
                body = QueryParameters.Read(endpoint, Query(entry.Url));
            }
            else
            {
                body = entry.RequestText is { } text ? OpJson.TryParse(text, out _, out _) as JsonObject : null;
                if (body is not null && relayed && !Transfer)
                {
                    body = TransferBody.Params(body);
                }
            }

            return body is null ? [] : Side.Requests[endpoint.Id].Check(OpJson.ToCompactText(body)).Where(v => v.Severity == Severity.Error);
        }

        private static ImmutableDictionary<string, string> Query(string url)
        {
            var query = url.Contains('?', StringComparison.Ordinal) ? url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..] : "";
            return query.Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2))
                .Select(p => KeyValuePair.Create(Uri.UnescapeDataString(p[0].Replace('+', ' ')), p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : ""))
                .DistinctBy(p => p.Key)
                .ToImmutableDictionary();
        }
    }
}
