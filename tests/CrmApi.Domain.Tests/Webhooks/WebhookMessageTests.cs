using CrmApi.Domain.Webhooks;

namespace CrmApi.Domain.Tests.Webhooks;

/// <summary>The retry schedule of a webhook message, on instants chosen by the test (no clock, no sleeping).</summary>
public sealed class WebhookMessageTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static WebhookMessage NewMessage() => new(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(),
        "deal.created", 1, "{}", T0);

    [Fact]
    public void Failures_follow_the_schedule_then_the_message_fails_for_good()
    {
        var m = NewMessage();
        var at = T0;
        TimeSpan[] expected = [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
            TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10)];
        foreach (var delay in expected)
        {
            m.Failed(500, at, retryAfter: null, jitter: 0).ShouldBeFalse();
            m.NextAttemptAt.ShouldBe(at + delay);
            at = m.NextAttemptAt!.Value;
        }
        m.Failed(500, at, null, 0).ShouldBeTrue();
        m.State.ShouldBe(WebhookMessageState.Failed);
        m.Attempts.ShouldBe(8);
        m.NextAttemptAt.ShouldBeNull();
        m.CompletedAt.ShouldBe(at);
    }

    [Theory]
    [InlineData(1.0, 5.5)]
    [InlineData(-1.0, 4.5)]
    [InlineData(0.5, 5.25)]
    [InlineData(7.0, 5.5)] // clamped to a tenth
    public void Jitter_moves_a_retry_by_at_most_a_tenth(double jitter, double seconds)
    {
        var m = NewMessage();
        m.Failed(503, T0, null, jitter);
        m.NextAttemptAt.ShouldBe(T0 + TimeSpan.FromSeconds(seconds));
    }

    [Fact]
    public void A_later_Retry_After_is_honoured_an_earlier_one_is_not_and_a_huge_one_is_capped()
    {
        var m = NewMessage();
        m.Failed(429, T0, TimeSpan.FromSeconds(60), 0);
        m.NextAttemptAt.ShouldBe(T0.AddSeconds(60));
        m.Failed(503, T0, TimeSpan.FromSeconds(1), 0); // the schedule's 5 minutes are longer
        m.NextAttemptAt.ShouldBe(T0.AddMinutes(5));
        m.Failed(503, T0, TimeSpan.FromDays(30), 0);
        m.NextAttemptAt.ShouldBe(T0 + WebhookRetrySchedule.RetryAfterMax);
    }

    [Fact]
    public void A_final_failure_ends_at_once_and_a_requeue_starts_over()
    {
        var m = NewMessage();
        m.Failed(410, T0, null, 0, final: true).ShouldBeTrue();
        m.State.ShouldBe(WebhookMessageState.Failed);
        m.Requeue(T0.AddHours(1));
        m.State.ShouldBe(WebhookMessageState.Pending);
        m.Attempts.ShouldBe(0);
        m.NextAttemptAt.ShouldBe(T0.AddHours(1));
        m.Succeeded(200, T0.AddHours(1));
        m.State.ShouldBe(WebhookMessageState.Succeeded);
        m.NextAttemptAt.ShouldBeNull();
    }

    [Fact]
    public void During_a_rotation_both_secrets_sign_until_the_overlap_ends()
    {
        var e = new WebhookEndpoint(Guid.CreateVersion7(), Guid.CreateVersion7(), "https://x.example", ["*"], null, null, true, "old", 0, T0);
        e.SigningSecrets(T0).ShouldBe(["old"]);
        e.RotateSecret("new", T0.AddHours(24), T0);
        e.SigningSecrets(T0.AddHours(23)).ShouldBe(["new", "old"]);
        e.SigningSecrets(T0.AddHours(24)).ShouldBe(["new"]);
        e.Version.ShouldBe(2);
    }
}
