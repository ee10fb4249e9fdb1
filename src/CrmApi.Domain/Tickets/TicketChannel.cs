namespace CrmApi.Domain.Tickets;

/// <summary>Where a ticket came in.</summary>
public enum TicketChannel
{
    Email,
    Phone,
    Chat,
    Web,
    Social,
    Api,
}
