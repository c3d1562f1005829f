using System.CommandLine;
using OpMock.Core.Diagnostics;
using OpMock.Core.Schemas;
using OpMock.Core.Validation;
using OpMock.Core.Validation.Har;
using OpMock.Core.Validation.Live;
using OpMock.Core.Validation.Reports;

namespace OpMock.Cli.Commands;

/// <summary>
/// `opmock validate`: checks responses against the contract — saved files (--route), a HAR session (--har)
/// or a running server (--base-url). Exit 0 clean, 1 violations, 2 usage or I/O error.
/// </summary>
internal static class ValidateCommand
{
    private sealed record Settings(
        string Docs, string? Overrides, bool Strict, string Format, string? Junit, string? Html,
        string? Route, string? ReqUrl, string[] Files, string[] Har,
        string? BaseUrl, string? AppUrl, string? Query, string Timeout);

    public static Command Create(CliConsole console)
    {
        var docs = CommonOptions.Docs();
        var overrides = CommonOptions.Overrides();
        var strict = new Option<bool>("--strict") { Description = "Undocumented fields are errors, not warnings" };
        var format = new Option<string>("--format") { Description = "Report format on stdout", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var junit = new Option<string?>("--junit") { Description = "Also write a JUnit XML report to this file" };
        var html = new Option<string?>("--html") { Description = "Also write a self-contained HTML report to this file" };
        var route = new Option<string?>("--route") { Description = "Files mode: the route the files are responses of (/op/v2/receives)" };
        var reqUrl = new Option<string?>("--req-url") { Description = "Files mode with --route /opapp/transfer: the direct route relayed" };
        var files = new Argument<string[]>("files") { Description = "Response bodies (files mode)", Arity = ArgumentArity.ZeroOrMore };
        var har = new Option<string[]>("--har") { Description = "HAR files (or folders of them) to check", AllowMultipleArgumentsPerToken = true };
        var baseUrl = new Option<string?>("--base-url") { Description = "Live mode: the API server (http://HOST:8080)" };
        var appUrl = new Option<string?>("--app-url") { Description = "Live mode: the app server relaying /opapp/transfer (http://HOST:8086)" };
        var query = new Option<string?>("--query") { Description = "Live mode: query pairs for every request (apiVersion=01&client=…&token=…&sign=…)" };
        var timeout = new Option<string>("--timeout") { Description = "Live mode: bound on each request (5s, 500ms)", DefaultValueFactory = _ => "5s" };
        var command = new Command("validate", "Check real responses against the documented contract")
        {
            docs, overrides, strict, format, junit, html, route, reqUrl, files, har, baseUrl, appUrl, query, timeout,
        };
        command.SetAction((result, cancel) => ExitCodes.RunAsync(console, () => RunAsync(console, new Settings(
            result.GetValue(docs)!, result.GetValue(overrides), result.GetValue(strict), result.GetValue(format)!, result.GetValue(junit), result.GetValue(html),
            result.GetValue(route), result.GetValue(reqUrl), result.GetValue(files) ?? [], result.GetValue(har) ?? [],
            result.GetValue(baseUrl), result.GetValue(appUrl), result.GetValue(query), result.GetValue(timeout)!), cancel)));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, Settings settings, CancellationToken cancel)
    {
        // With a files argument, System.CommandLine takes a mistyped option for a file name.
        if (settings.Files.FirstOrDefault(f => f.StartsWith("--", StringComparison.Ordinal)) is { } unknown)
        {
            throw new OpMockException($"unknown option {unknown}");
        }

        var modes = new[] { settings.Route is not null || settings.Files.Length > 0, settings.Har.Length > 0, settings.BaseUrl is not null }.Count(m => m);
        if (modes != 1)
        {
            throw new OpMockException("choose one mode: --route ROUTE FILE…, --har FILE…, or --base-url URL");
        }

        var contract = await ApiContract.LoadAsync(settings.Docs, CommonOptions.OverridesFor(settings.Docs, settings.Overrides), cancel);
        if (contract.HasErrors)
        {
            throw new InvalidInputException([.. contract.Findings.Where(f => f.Severity == Severity.Error)]);
        }

        var validator = await ContractValidator.CreateAsync(contract, settings.Strict);
        var report = await CheckAsync(contract, validator, settings, cancel);
        await console.Out.WriteAsync(settings.Format == "json" ? JsonReport.Render(report) : TextReport.Render(report));
        if (settings.Junit is { } junit)
        {
            await JunitReport.WriteAsync(report, junit, cancel);
        }

        if (settings.Html is { } html)
        {
            await HtmlReport.WriteAsync(report, html, TimeProvider.System, cancel);
        }

        return report.Passed ? ExitCodes.Ok : ExitCodes.Findings;
    }

    private static async Task<ValidationReport> CheckAsync(ApiContract contract, ContractValidator validator, Settings settings, CancellationToken cancel)
    {
        if (settings.Har.Length > 0)
        {
            return await HarChecks.CheckAsync(validator, settings.Har, cancel);
        }

        if (settings.BaseUrl is { } baseUrl)
        {
            var target = new LiveTarget(Url("--base-url", baseUrl), settings.AppUrl is { } app ? Url("--app-url", app) : null,
                LiveTarget.ParseQuery(settings.Query), Durations.Parse("--timeout", settings.Timeout));
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            return await LiveChecks.CheckAsync(contract, validator, http, target, cancel);
        }

        if (settings.Route is null || settings.Files.Length == 0)
        {
            throw new OpMockException("files mode needs --route ROUTE and at least one response file");
        }

        return await FileChecks.CheckAsync(validator, settings.Route, settings.ReqUrl, settings.Files, cancel);
    }

    private static Uri Url(string option, string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new OpMockException($"{option}: expected an http(s) URL such as http://127.0.0.1:8080, found `{text}`");
}
