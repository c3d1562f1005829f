namespace OpMock.Core.Validation.Live.Cases;

/// <summary>How many cases to generate and how hard to push the server.</summary>
/// <param name="Cases">Cases per route and way in (direct, transfer).</param>
/// <param name="Seed">Same seed, same cases: a finding is reproduced by running again with it.</param>
/// <param name="Concurrency">Requests in flight at once.</param>
/// <param name="Rate">Requests per second at most; null for no limit.</param>
/// <param name="ShrinkTries">Bound on the extra requests spent making one failing request minimal.</param>
internal sealed record CaseSettings(int Cases, int Seed, int Concurrency = 4, double? Rate = null, int ShrinkTries = 40);

/// <summary>Where a case run is: reported after every response, for a progress bar or plain lines.</summary>
internal sealed record CaseProgress(int Sent, int Total, int Failed, string Route);
