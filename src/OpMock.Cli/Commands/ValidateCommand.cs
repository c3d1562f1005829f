using System.CommandLine;
using OpMock.Core.Diagnostics;
using OpMock.Core.Schemas;
using OpMock.Core.Validation;
using OpMock.Core.Validation.Har;
using OpMock.Core.Validation.Live;
using OpMock.Core.Validation.Live.Cases;
using OpMock.Core.Validation.Reports;

namespace OpMock.Cli.Commands;

/// <summary>
/// `opmock validate`: checks responses against the contract — saved files (--route), a HAR session (--har)
/// or a running server (--base-url). Exit 0 clean, 1 violations, 2 usage or I/O error.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console, TimeProvider time)
    {
        var docs = CommonOptions.Docs();
        var overrides = CommonOptions.Overrides();
        var strict = EnvironmentOptions.Create<bool>("--strict", "Undocumented fields are errors, not warnings", () => false);
        var format = EnvironmentOptions.Create<string>("--format", "Report format on stdout", () => "text").OneOf(["text", "json"]);
        var junit = EnvironmentOptions.Create<string?>("--junit", "Also write a JUnit XML report to this file", () => null);
        var html = EnvironmentOptions.Create<string?>("--html", "Also write a self-contained HTML report to this file", () => null);
        var route = EnvironmentOptions.Create<string?>("--route", "Files mode: the route the files are responses of (/op/v2/receives)", () => null);
        var reqUrl = EnvironmentOptions.Create<string?>("--req-url", "Files mode with --route /opapp/transfer: the direct route relayed", () => null);
        var files = new Argument<string[]>("files") { Description = "Response bodies (files mode)", Arity = ArgumentArity.ZeroOrMore };
        var har = EnvironmentOptions.Create<string[]>("--har", "HAR files (or folders of them) to check", () => []);
        har.AllowMultipleArgumentsPerToken = true;
        var baseUrl = EnvironmentOptions.Create<string?>("--base-url", "Live mode: the API server (http://HOST:8080)", () => null);
        var appUrl = EnvironmentOptions.Create<string?>("--app-url", "Live mode: the app server relaying /opapp/transfer (http://HOST:8086)", () => null);
        var query = EnvironmentOptions.Create<string?>("--query", "Live mode: query pairs for every request (apiVersion=01&client=…&token=…&sign=…)", () => null);
        var timeout = EnvironmentOptions.Create<string>("--timeout", "Live mode: bound on each request (5s, 500ms)", () => "5s").Check(Durations.Problem);
        var cases = EnvironmentOptions.Create<int>("--cases", "Live mode: generated requests per route (valid and invalid); 0 sends each doc's sample", () => 0);
        var seed = EnvironmentOptions.Create<int>("--seed", "Live mode with --cases: same seed, same cases", () => 1);
        var concurrency = EnvironmentOptions.Create<int>("--concurrency", "Live mode with --cases: requests in flight at once", () => 4);
        var rate = EnvironmentOptions.Create<double?>("--rate", "Live mode with --cases: at most this many requests per second", () => null);
        var command = new Command("validate", "Check real responses against the documented contract")
        {
            docs, overrides, strict, format, junit, html, route, reqUrl, files, har, baseUrl, appUrl, query, timeout, cases, seed, concurrency, rate,
        };
        command.SetAction((result, cancel) => ExitCodes.RunAsync(console, () => RunAsync(console, ValidateSettings.Bind(result), time, cancel)));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, ValidateSettings settings, TimeProvider time, CancellationToken cancel)
    {
        settings.Validate();
        var contract = await Contracts.LoadAsync(settings.Docs, settings.Overrides, cancel);
        var validator = await ContractValidator.CreateAsync(contract, settings.Strict);

        // Streamed: each outcome goes to the reports as it is known; only the bounded summary stays.
        var summary = new ReportSummary();
        var writers = new List<IReportWriter> { settings.Format == "json" ? new JsonReport(console.Out) : new TextReport(console.Out) };
        try
        {
            if (settings.Junit is { } junit)
            {
                writers.Add(new JunitReport(junit));
            }

            await CheckAsync(console, contract, validator, settings, time, new FanOutSink([summary, .. writers]), cancel);
            foreach (var writer in writers)
            {
                await writer.CompleteAsync(summary, cancel);
            }
        }
        finally
        {
            foreach (var writer in writers)
            {
                await writer.DisposeAsync();
            }
        }

        if (settings.Html is { } html)
        {
            await HtmlReport.WriteAsync(summary, html, time, cancel);
        }

        // A run that could check nothing must not read as green in CI: the reports say what was skipped.
        return summary.NothingChecked
            ? throw new OpMockException(NothingChecked(summary))
            : summary.Passed ? ExitCodes.Ok : ExitCodes.Findings;
    }

    private static string NothingChecked(ReportSummary summary) =>
        summary.Checked > 0
            ? $"nothing was checked: no response came back to any of {summary.Checked} requests"
            : summary.Skipped == 0 ? "nothing was checked: no entries"
            : $"nothing was checked: all {summary.Skipped} entries were skipped ("
                + string.Join(", ", summary.SkipReasons.Select(r => $"{r.Count}: {r.Reason}")) + ")";

    private static async Task CheckAsync(
        CliConsole console, ApiContract contract, ContractValidator validator, ValidateSettings settings, TimeProvider time, IResultSink sink, CancellationToken cancel)
    {
        if (settings.Har.Length > 0)
        {
            await HarChecks.CheckAsync(validator, settings.Har, sink, cancel);
            return;
        }

        if (settings.BaseUrl is { } baseUrl)
        {
            var target = new LiveTarget(Url("--base-url", baseUrl), settings.AppUrl is { } app ? Url("--app-url", app) : null,
                LiveTarget.ParseQuery(settings.Query), Durations.Parse("--timeout", settings.Timeout));
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            if (settings.Cases > 0)
            {
                // Generated cases are held per run (bounded by --cases × routes), then played into the reports.
                var cases = new CaseSettings(settings.Cases, settings.Seed, settings.Concurrency, settings.Rate);
                var report = await CaseProgressView.RunAsync(console, progress =>
                    new CaseRunner(contract, validator, http, target, cases, time, progress).RunAsync(cancel));
                await report.ReplayAsync(sink, cancel);
                return;
            }

            await LiveChecks.CheckAsync(contract, validator, http, target, sink, cancel);
            return;
        }

        if (settings.Route is null || settings.Files.Length == 0)
        {
            throw new OpMockException("files mode needs --route ROUTE and at least one response file");
        }

        await FileChecks.CheckAsync(validator, settings.Route, settings.ReqUrl, settings.Files, sink, cancel);
    }

    private static Uri Url(string option, string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new OpMockException($"{option}: expected an http(s) URL such as http://127.0.0.1:8080, found `{text}`");
}
