namespace CrmApi.Domain.Contacts;

/// <summary>What linking a contact to a company did.</summary>
public enum LinkChange
{
    Unchanged,
    Added,
    Updated,
}
