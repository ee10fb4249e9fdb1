namespace CrmApi.Domain.Webhooks;

/// <summary>
/// When a failed delivery is tried again: after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, each stretched or shrunk by
/// up to a tenth at random so receivers coming back do not get every retry at once; after the eighth attempt it has
/// failed for good.
/// </summary>
public static class WebhookRetrySchedule
{
    public static readonly IReadOnlyList<TimeSpan> Delays =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5),
        TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    /// <summary>A receiver's <c>Retry-After</c> is honoured up to this.</summary>
    public static readonly TimeSpan RetryAfterMax = TimeSpan.FromHours(24);

    public static int MaxAttempts => Delays.Count + 1;

    /// <summary>
    /// The wait after the <paramref name="attempts"/>-th failed attempt; null when none is left.
    /// <paramref name="jitter"/> is a number in [-1, 1] (random in production, fixed in tests).
    /// </summary>
    public static TimeSpan? DelayAfter(int attempts, double jitter)
    {
        if (attempts < 1 || attempts > Delays.Count) return null;
        var delay = Delays[attempts - 1];
        return delay + delay * (Math.Clamp(jitter, -1, 1) / 10);
    }
}
