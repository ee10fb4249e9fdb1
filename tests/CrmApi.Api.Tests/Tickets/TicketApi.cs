using System.Net;
using System.Text.Json;
using CrmApi.Api.Tests.Contacts;
using CrmApi.Api.Tests.Deals;

namespace CrmApi.Api.Tests.Tickets;

/// <summary>HTTP helpers for the ticket contract tests.</summary>
public static class TicketApi
{
    public static Task<JsonElement> CreateTicketAsync(this HttpClient client, object body) => client.CreateAsync("tickets", body);

    public static async Task<JsonElement> PatchTicketAsync(this HttpClient client, string id, string json)
    {
        var response = await client.PatchAsync($"/api/v1/tickets/{id}", json);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> PostJsonAsync(this HttpClient client, string url, string json, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await client.PostAsync(url, RecordApi.Json(json));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<JsonElement> CommentAsync(this HttpClient client, string ticketId, string json)
        => client.PostJsonAsync($"/api/v1/tickets/{ticketId}/comments", json);

    public static Task<JsonElement> TicketAsync(this HttpClient client, string id) => client.GetJsonAsync($"/api/v1/tickets/{id}");

    public static async Task<List<string>> EventTypesOfAsync(this HttpClient client, string id)
        => [.. (await client.EventsOfAsync(id, "ticket.*")).Select(e => e.GetProperty("type").GetString()!)];
}
