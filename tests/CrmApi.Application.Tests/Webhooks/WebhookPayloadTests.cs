using System.Text;
using System.Text.Json;
using CrmApi.Application.Webhooks;
using CrmApi.Domain.Events;

namespace CrmApi.Application.Tests.Webhooks;

/// <summary>The webhook body: the Standard Webhooks envelope around the event, kept under 20 KB.</summary>
public sealed class WebhookPayloadTests
{
    private static Event NewEvent(string data, string? changes = null)
    {
        var e = new Event(Guid.CreateVersion7(), Guid.CreateVersion7(), "deal.updated", new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero),
            "deal", Guid.CreateVersion7(), "apiKey", "k1", changes, data);
        e.AssignSequence(42);
        return e;
    }

    [Fact]
    public void A_small_event_is_sent_whole_in_the_envelope()
    {
        var e = NewEvent("""{"name":"Big","amount":20000}""", """{"amount":{"before":1,"after":20000}}""");
        var body = JsonDocument.Parse(WebhookPayload.From(e)).RootElement;
        body.GetProperty("type").GetString().ShouldBe("deal.updated");
        body.GetProperty("timestamp").GetDateTimeOffset().ShouldBe(e.OccurredAt);
        var data = body.GetProperty("data");
        data.GetProperty("id").GetGuid().ShouldBe(e.Id);
        data.GetProperty("sequence").GetInt64().ShouldBe(42);
        data.GetProperty("object").GetProperty("id").GetGuid().ShouldBe(e.ObjectId);
        data.GetProperty("changes").GetProperty("amount").GetProperty("after").GetInt32().ShouldBe(20000);
        data.GetProperty("data").GetProperty("name").GetString().ShouldBe("Big");
        data.TryGetProperty("truncated", out _).ShouldBeFalse();
    }

    [Fact]
    public void A_large_record_gives_way_to_a_link_and_the_changes_stay()
    {
        var big = new string('x', 30_000);
        var e = NewEvent($$"""{"name":"Big","notes":"{{big}}"}""", """{"name":{"before":"A","after":"Big"}}""");
        var text = WebhookPayload.From(e);
        Encoding.UTF8.GetByteCount(text).ShouldBeLessThanOrEqualTo(WebhookPayload.MaxBytes);
        var data = JsonDocument.Parse(text).RootElement.GetProperty("data");
        data.GetProperty("data").ValueKind.ShouldBe(JsonValueKind.Null);
        data.GetProperty("recordUrl").GetString().ShouldBe($"/api/v1/deals/{e.ObjectId}");
        data.GetProperty("truncated").GetBoolean().ShouldBeTrue();
        data.GetProperty("changes").GetProperty("name").GetProperty("after").GetString().ShouldBe("Big");
    }

    [Fact]
    public void Changes_too_large_on_their_own_go_too()
    {
        var big = new string('y', 30_000);
        var e = NewEvent($$"""{"notes":"{{big}}"}""", $$$"""{"notes":{"before":"","after":"{{{big}}}"}}""");
        var text = WebhookPayload.From(e);
        Encoding.UTF8.GetByteCount(text).ShouldBeLessThanOrEqualTo(WebhookPayload.MaxBytes);
        var data = JsonDocument.Parse(text).RootElement.GetProperty("data");
        data.GetProperty("changes").ValueKind.ShouldBe(JsonValueKind.Null);
        data.GetProperty("recordUrl").GetString().ShouldEndWith(e.ObjectId.ToString());
    }
}
