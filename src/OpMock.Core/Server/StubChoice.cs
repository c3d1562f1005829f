using WireMock.Admin.Requests;
using WireMock.Logging;

namespace OpMock.Core.Server;

/// <summary>
/// Which stub WireMock.Net chose for a request, as WireMock itself reports it: its public logger
/// (<see cref="IWireMockLogger.DebugRequestResponse"/>) is handed the log entry of every request it answered, with
/// the mapping it matched, before the answer is written. OpMock keeps WireMock's own log off, so this is where the
/// request log learns the answering stub; OpMock never re-decides it (a copy of WireMock's ordering drifts).
/// </summary>
/// <remarks>
/// The entry carries no handle on the HTTP request, so the one waiting for it is found by the async flow:
/// <see cref="Watch"/> is called in OpMock's middleware before WireMock's runs, in the same flow.
/// </remarks>
internal sealed class StubChoice : IWireMockLogger
{
    private readonly AsyncLocal<Chosen?> current = new();

    /// <summary>Where the stub WireMock chooses for the request about to be handed to it will be written.</summary>
    public Chosen Watch()
    {
        var chosen = new Chosen();
        current.Value = chosen;
        return chosen;
    }

    public void DebugRequestResponse(LogEntryModel logEntryModel, bool isAdminRequest)
    {
        if (!isAdminRequest && current.Value is { } chosen)
        {
            chosen.Guid = logEntryModel.MappingGuid;
            chosen.Title = logEntryModel.MappingTitle;
            chosen.Reported = true;
        }
    }

    // WireMock's diagnostics: OpMock answers and logs every request itself, so WireMock's texts are not kept
    // (as with WireMock's default null logger).
    public void Debug(string formatString, params object[] args)
    {
    }

    public void Info(string formatString, params object[] args)
    {
    }

    public void Warn(string formatString, params object[] args)
    {
    }

    public void Error(string formatString, params object[] args)
    {
    }

    public void Error(string message, Exception exception)
    {
    }

    /// <summary>The stub WireMock answered with (null when it found none).</summary>
    internal sealed class Chosen
    {
        public Guid? Guid { get; set; }

        public string? Title { get; set; }

        /// <summary>Whether WireMock reported on the request at all.</summary>
        public bool Reported { get; set; }
    }
}
