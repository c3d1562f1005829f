namespace OpMock.Core.World.Actions;

/// <summary>
/// Whether an id is shaped like the ids of its kind: the same leading letters, the same length, and a body of the
/// same characters (digits only, or hex) as a sample id of that kind. `nonexistent` and `12345` are no chat's id; a
/// u0001 + 18 digits id is one, though no example shows it (the world has a chat for any such id).
/// </summary>
internal static class IdShape
{
    public static bool Fits(string id, string sample)
    {
        if (id.Length != sample.Length)
        {
            return false;
        }

        var prefix = 0;
        while (prefix < sample.Length && char.IsAsciiLetter(sample[prefix]))
        {
            prefix++;
        }

        if (prefix == sample.Length || !id.AsSpan(0, prefix).SequenceEqual(sample.AsSpan(0, prefix)))
        {
            return false;
        }

        var body = sample.AsSpan(prefix);
        var digits = !body.ContainsAnyExcept("0123456789");
        var allowed = digits ? "0123456789" : "0123456789abcdefABCDEF";
        return !body.ContainsAnyExcept(allowed.AsSpan()) && !id.AsSpan(prefix).ContainsAnyExcept(allowed.AsSpan());
    }
}
