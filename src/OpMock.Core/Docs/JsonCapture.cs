using System.Text;

namespace OpMock.Core.Docs;

/// <summary>
/// Gathers a JSON block written without a fence: from a line that starts with { or [ until its
/// brackets balance. Strings are tracked so a brace inside a value does not end the block.
/// </summary>
internal sealed class JsonCapture(int line)
{
    private readonly StringBuilder text = new();
    private int depth;
    private bool inString;
    private bool escaped;

    public int Line { get; } = line;

    public bool IsComplete { get; private set; }

    public void Add(string line)
    {
        text.Append(line).Append('\n');
        foreach (var c in line)
        {
            if (inString)
            {
                (escaped, inString) = escaped ? (false, true) : c == '\\' ? (true, true) : (false, c != '"');
                continue;
            }

            depth += c switch { '{' or '[' => 1, '}' or ']' => -1, _ => 0 };
            inString = c == '"';
        }

        IsComplete = depth <= 0;
    }

    public JsonBlock ToBlock() => new(text.ToString().TrimEnd('\n'), Line);
}
