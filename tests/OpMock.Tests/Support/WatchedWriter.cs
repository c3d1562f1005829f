using System.Text;

namespace OpMock.Tests.Support;

/// <summary>
/// A thread-safe text writer that a test can await a text on: a command prints the line saying it is ready
/// (`serving;`, `listening on …`), so a test waits for that line (bounded) instead of polling the output or the port.
/// </summary>
internal sealed class WatchedWriter : TextWriter
{
    private readonly StringBuilder text = new();
    private readonly List<(Func<string, bool> Seen, TaskCompletionSource Done)> waiting = [];
    private readonly Lock gate = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => Append(value.ToString());

    public override void Write(string? value) => Append(value ?? "");

    public override void Write(char[] buffer, int index, int count) => Append(new string(buffer, index, count));

    public override string ToString()
    {
        lock (gate)
        {
            return text.ToString();
        }
    }

    /// <summary>Completes once the written text contains <paramref name="expected"/>.</summary>
    public Task WaitForAsync(string expected)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (text.ToString().Contains(expected, StringComparison.Ordinal))
            {
                return Task.CompletedTask;
            }

            waiting.Add((all => all.Contains(expected, StringComparison.Ordinal), done));
        }

        return done.Task;
    }

    /// <summary>
    /// Returns once the text written so far satisfies <paramref name="seen"/>; fails when the command ends first
    /// (<paramref name="run"/>) or nothing shows within <paramref name="bound"/>, with what it printed.
    /// </summary>
    public async Task UntilAsync(Func<string, bool> seen, Task run, TimeSpan bound)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (seen(text.ToString()))
            {
                return;
            }

            waiting.Add((seen, done));
        }

        var first = await Task.WhenAny(done.Task, run).WaitAsync(bound).ConfigureAwait(false);
        if (first != done.Task)
        {
            throw new InvalidOperationException($"the command ended before printing what was awaited: {this}");
        }
    }

    private void Append(string value)
    {
        List<TaskCompletionSource> ready;
        lock (gate)
        {
            text.Append(value);
            var now = text.ToString();
            ready = [.. waiting.Where(w => w.Seen(now)).Select(w => w.Done)];
            waiting.RemoveAll(w => ready.Contains(w.Done));
        }

        ready.ForEach(d => d.TrySetResult());
    }
}
