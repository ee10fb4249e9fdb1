namespace CrmApi.Domain.Activities;

/// <summary>Whether a call or email came in or went out.</summary>
public enum Direction
{
    Inbound,
    Outbound,
}
