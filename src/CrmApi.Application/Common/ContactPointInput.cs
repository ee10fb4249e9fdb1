namespace CrmApi.Application.Common;

/// <summary>One email address or phone number; at most one in a list is primary.</summary>
public sealed class ContactPointInput
{
    public string? Value { get; init; }
    public bool? Primary { get; init; }
}
