using System.Text;

namespace OpMock.Tests.Support;

/// <summary>
/// A thread-safe text writer that a test can await a text on: `serve` prints "serving;" once it listens, so a test
/// waits for that line (bounded by its own timeout) instead of polling the output with delays.
/// </summary>
internal sealed class WatchedWriter : TextWriter
{
    private readonly StringBuilder text = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> waits = [];
    private readonly Lock gate = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => Write(value.ToString());

    public override void Write(string? value)
    {
        lock (gate)
        {
            text.Append(value);
            var all = text.ToString();
            foreach (var wait in waits.Where(w => all.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                wait.Seen.TrySetResult();
                waits.Remove(wait);
            }
        }
    }

    /// <summary>Completes once the written text contains <paramref name="expected"/>.</summary>
    public Task WaitForAsync(string expected)
    {
        lock (gate)
        {
            if (text.ToString().Contains(expected, StringComparison.Ordinal))
            {
                return Task.CompletedTask;
            }

            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waits.Add((expected, seen));
            return seen.Task;
        }
    }

    public override string ToString()
    {
        lock (gate)
        {
            return text.ToString();
        }
    }
}
