namespace OpMock.Core.Validation.Reports;

/// <summary>
/// The HTML report's only stylesheet, inlined because the report must open offline and as a CI artifact.
/// Plain and light (the report is read next to docs and printed for reviews): system fonts with CJK
/// fallbacks so Chinese values render, monospace for paths and values, colours set explicitly so a
/// browser's dark mode does not invert them.
/// </summary>
internal static class HtmlStyle
{
    public const string Css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #f6f7f9; color: #1f2328;
          font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial,
            "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; }
        main { max-width: 1120px; margin: 0 auto; padding: 28px 24px 40px; }
        h1 { font-size: 24px; margin: 0; }
        h2 { font-size: 18px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 1px solid #d0d7de; }
        h3 { font-size: 15px; margin: 20px 0 8px; }
        h3 code { font-size: inherit; }
        .muted { color: #57606a; }
        code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "Noto Sans Mono CJK SC", monospace;
          font-size: 12.5px; overflow-wrap: anywhere; white-space: pre-wrap; }
        .verdict { margin: 16px 0; padding: 12px 16px; border: 1px solid; border-radius: 6px; font-weight: 600; }
        .verdict.failed { background: #fdecea; border-color: #f1b9b3; color: #8a1c12; }
        .verdict.passed { background: #e8f5eb; border-color: #a9d9b5; color: #1a5e2a; }
        .cards { display: grid; grid-template-columns: repeat(5, 1fr); gap: 12px; margin: 0; }
        .card { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 10px 14px; }
        .card dt { color: #57606a; font-size: 13px; }
        .card dd { margin: 0; font-size: 26px; font-weight: 600; font-variant-numeric: tabular-nums; }
        .card.bad dd { color: #b42318; }
        .card.warn dd { color: #8a5a00; }
        table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid #d0d7de; }
        th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid #e3e6ea; }
        thead th { background: #f0f2f5; color: #57606a; font-size: 12px; font-weight: 600; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        td.bad { color: #b42318; font-weight: 600; }
        td.warn { color: #8a5a00; font-weight: 600; }
        /* Fixed columns, and any character may break a line: a 300-character value or an unbroken
           undocumented field name must wrap inside its cell, not widen the page. */
        table.violations { table-layout: fixed; }
        table.violations td, table.violations th { overflow-wrap: anywhere; }
        table.violations th.col-severity { width: 92px; }
        table.violations th.col-path { width: 32%; }
        table.violations th.col-expected { width: 22%; }
        /* The column names stay in view while scrolling a long list. */
        table.violations thead th { position: sticky; top: 0; z-index: 1; }
        tr.response th { background: #f6f8fa; font-weight: 400; border-top: 2px solid #d0d7de; }
        tr.response .status { margin-left: 12px; }
        .severity { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 600; }
        .severity.error { background: #fdecea; color: #8a1c12; }
        .severity.warning { background: #fff4d6; color: #6b4a00; }
        td.found code { color: #8a1c12; }
        .note { display: block; margin-top: 2px; color: #57606a; font-size: 13px; }
        .line { display: block; font-size: 12px; }
        figure { margin: 0; padding: 16px; background: #fff; border: 1px solid #d0d7de; border-radius: 6px; }
        svg.chart { display: block; width: 100%; overflow: visible; }
        svg.chart text { font-size: 13px; fill: #1f2328; }
        svg.chart text.numbers { fill: #57606a; }
        footer { margin-top: 32px; font-size: 12px; }
        @media print {
          body { background: #fff; font-size: 11px; }
          main { max-width: none; padding: 0; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          h2, h3 { break-after: avoid; }
          tr, figure, .cards { break-inside: avoid; }
        }

        """;
}
