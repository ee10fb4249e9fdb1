using CrmApi.Application.Querying;
using CrmApi.Domain.Activities;

namespace CrmApi.Application.Activities;

/// <summary>
/// An activity's own fields, without the links to contacts, companies and deals. They are what an <c>activity</c>
/// condition on a contact, company or deal tests (<c>occurredAt</c>, <c>currency</c>) and sums (<c>amount</c>), and
/// the start of <see cref="ActivityFields.Catalog"/>. A class of their own, because those objects' catalogs are built
/// from them while the full activity catalog is built from theirs.
/// </summary>
public static class ActivityConditionFields
{
    public static ObjectCatalog<Activity> Catalog { get; } = new ObjectCatalogBuilder<Activity>()
        .RecordFields()
        .Field("type", FieldType.Enum, a => a.Type)
        .Field("occurredAt", FieldType.DateTime, a => a.OccurredAt)
        .Field("title", FieldType.String, a => a.Title)
        .Field("body", FieldType.String, a => a.Body, sortable: false)
        .Field("dueAt", FieldType.DateTime, a => a.DueAt)
        .Field("status", FieldType.Enum, a => a.Status)
        .Field("assignee", FieldType.String, a => a.Assignee)
        .Field("direction", FieldType.Enum, a => a.Direction)
        .Field("durationSeconds", FieldType.Integer, a => a.DurationSeconds)
        .Field("outcome", FieldType.String, a => a.Outcome)
        .Field("subject", FieldType.String, a => a.Subject)
        .Field("from", FieldType.String, a => a.From, normalize: CommonFields.Lower)
        .Field("sentAt", FieldType.DateTime, a => a.SentAt)
        .Field("startAt", FieldType.DateTime, a => a.StartAt)
        .Field("endAt", FieldType.DateTime, a => a.EndAt)
        .Field("orderReference", FieldType.String, a => a.OrderReference)
        .Field("amount", FieldType.Decimal, a => a.Amount)
        .Field("currency", FieldType.String, a => a.Currency, normalize: CommonFields.Upper)
        .Build(defaultSort: "-occurredAt");
}
