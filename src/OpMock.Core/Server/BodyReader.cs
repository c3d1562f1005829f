using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace OpMock.Core.Server;

/// <summary>
/// Reads a request body into memory before anyone else does, bounded in size and in wall-clock time: a body
/// over the bound is refused (a declared length unread), one that does not arrive by its deadline is a 408,
/// and a badly framed one (a chunk size past 64 bits, a body shorter than declared) a 400, all answered by
/// OpMock. Nothing is sized from `Content-Length` before the bytes arrive: a connection that declares 1 MiB
/// and stalls costs what it sent, not what it declared.
/// </summary>
/// <remarks>
/// Kestrel's minimum data rate is cumulative (a client that sent most of a body quickly may then stall for an
/// hour); the deadline here is per body: <see cref="Grace"/> plus the declared size at <see cref="MinimumRate"/>,
/// at most <see cref="Cap"/>. A chunked body, whose size is unknown, gets the cap. What all bodies being read at
/// once may hold is bounded too (<see cref="BodyBudget"/>): past it a body is refused with a 503.
/// </remarks>
internal static class BodyReader
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    /// <summary>Bytes per second a body must keep up on average: 1 MiB takes 5 + 16 s.</summary>
    public const int MinimumRate = 64 * 1024;

    public static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    /// <summary>Reads go through a pooled buffer of this size.</summary>
    private const int ChunkBytes = 16 * 1024;

    /// <summary>What reading gave: the bytes, or the refusal to answer instead.</summary>
    /// <param name="TooLarge">The body is over the bound (its declared size, when declared, in <see cref="Declared"/>).</param>
    public sealed record Result(byte[]? Body, Refusal? Refusal, bool TooLarge = false, long? Declared = null);

    /// <summary>How long a body of <paramref name="length"/> bytes (null: unknown) may take to arrive.</summary>
    public static TimeSpan Deadline(long? length) =>
        length is { } bytes ? TimeSpan.FromTicks(Math.Min(Cap.Ticks, Grace.Ticks + bytes * TimeSpan.TicksPerSecond / MinimumRate)) : Cap;

    /// <param name="max">The largest body accepted, in bytes.</param>
    /// <param name="budget">What every body being read at once may hold; this body's share is given back when reading ends.</param>
    public static async Task<Result> ReadAsync(HttpRequest request, int max, BodyBudget budget, TimeProvider time, CancellationToken aborted)
    {
        var declared = request.ContentLength;
        var tooLarge = new Result(null, new Refusal(413, $"the request body is larger than {max >> 20} MiB"), TooLarge: true, declared);
        if (declared > max)
        {
            return tooLarge;
        }

        if (declared == 0 || (declared is null && !request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return new([], null);
        }

        using var deadline = new CancellationTokenSource(Deadline(declared), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, deadline.Token);
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        long taken = 0;
        try
        {
            byte[] body = [];
            var filled = 0;
            int read;
            // Bounded: every pass adds at least one byte, and the loop stops past the limit.
            while ((read = await request.Body.ReadAsync(chunk.AsMemory(0, ChunkBytes), linked.Token)) > 0)
            {
                if (filled + read > max)
                {
                    return tooLarge;
                }

                if (filled + read > body.Length)
                {
                    // Grown from what arrived (doubling), never past what was declared.
                    var size = (int)Math.Max(filled + read, Math.Min(Math.Max(body.Length * 2, ChunkBytes), declared ?? max));
                    size = declared is { } d && filled + read == d ? filled + read : size;
                    if (!budget.TryTake(size - body.Length))
                    {
                        // The budget frees up as other bodies arrive or time out: the client may retry shortly.
                        return new(null, new Refusal(503, $"the server is already receiving {budget.Limit >> 20} MiB of request bodies, its limit; send this one again in a moment", RetryAfter: 1));
                    }

                    taken += size - body.Length;
                    Array.Resize(ref body, size);
                }

                chunk.AsSpan(0, read).CopyTo(body.AsSpan(filled));
                filled += read;
            }

            return new(filled == body.Length ? body : body[..filled], null);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            return new(null, new Refusal(408, $"the request body did not arrive in time: a body of {(declared is { } n ? $"{n} bytes" : "unknown size")} has {Deadline(declared).TotalSeconds:0} s; send it at once"));
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException or InvalidDataException && !aborted.IsCancellationRequested)
        {
            var status = e is BadHttpRequestException bad ? bad.StatusCode : 400;
            return new(null, new Refusal(status, status == 408
                ? "the request body did not arrive in time (it stalled); send it at once"
                : $"the request body could not be read: {MockEngine.Sample(e.Message)}"));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
            budget.Give(taken);
        }
    }
}
