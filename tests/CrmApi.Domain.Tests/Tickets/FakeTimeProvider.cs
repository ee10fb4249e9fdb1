namespace CrmApi.Domain.Tests.Tickets;

/// <summary>A clock that says what the test says: SLA tests pick "now" instead of sleeping.</summary>
internal sealed class FakeTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}
