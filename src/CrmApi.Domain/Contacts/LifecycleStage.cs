namespace CrmApi.Domain.Contacts;

/// <summary>Where a contact stands in the customer lifecycle.</summary>
public enum LifecycleStage
{
    Subscriber,
    Lead,
    MarketingQualified,
    SalesQualified,
    Opportunity,
    Customer,
    Evangelist,
    Other,
}
