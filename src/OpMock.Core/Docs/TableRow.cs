namespace OpMock.Core.Docs;

/// <summary>A Markdown table row split into trimmed cells.</summary>
internal sealed record TableRow(IReadOnlyList<string> Cells, int Line)
{
    private static readonly char[] Padding = [' ', '\t', '\u3000'];

    /// <summary>
    /// Reads a row. A row may start with the full-width bar ｜ (a CJK input-method slip seen in 2.36),
    /// and cells are padded with any mix of tabs and spaces.
    /// </summary>
    public static TableRow? TryRead(string line, int lineNumber)
    {
        var text = line.Trim();
        if (text.StartsWith('｜'))
        {
            text = text.Replace('｜', '|');
        }

        if (!text.StartsWith('|'))
        {
            return null;
        }

        var cells = text[1..].Split('|').Select(c => c.Trim(Padding)).ToList();
        if (cells.Count > 0 && cells[^1].Length == 0)
        {
            cells.RemoveAt(cells.Count - 1);
        }

        return new TableRow(cells, lineNumber);
    }

    /// <summary>|:----|:---:| rows, whatever their column count (it often differs from the header's).</summary>
    public bool IsSeparator =>
        Cells.Count > 0 && Cells.All(c => c.Length > 0 && c.Trim(':').Length > 0 && c.Trim(':').All(ch => ch == '-'));

    public string Cell(int index) => index >= 0 && index < Cells.Count ? Cells[index] : "";
}
