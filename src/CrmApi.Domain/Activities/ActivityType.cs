namespace CrmApi.Domain.Activities;

/// <summary>The kinds of interaction the history records.</summary>
public enum ActivityType
{
    Note,
    Task,
    Call,
    Email,
    Meeting,
    Purchase,
}
