namespace CrmApi.Domain.Tickets;

/// <summary>Where a ticket in a stage stands; <see cref="Pending"/> (waiting on the customer) pauses SLA clocks.</summary>
public enum TicketState
{
    New,
    Open,
    Pending,
    Solved,
    Closed,
}
