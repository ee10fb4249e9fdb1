using CrmApi.Application.Activities;
using CrmApi.Application.Companies;
using CrmApi.Application.Contacts;
using CrmApi.Application.Deals;
using CrmApi.Application.Querying;
using CrmApi.Application.Tickets;
using CrmApi.Domain.Contacts;

namespace CrmApi.Application.Tests.Querying;

public class CatalogTests
{
    private static FieldDescriptor Describe(string name) =>
        ContactFields.Catalog.Describe().Single(f => f.Name == name);

    [Fact]
    public void Describe_Contacts_ListsOwnFieldsThenCompanyFields()
    {
        var names = ContactFields.Catalog.Describe().Select(f => f.Name).ToList();

        names.ShouldBe(
        [
            "id", "createdAt", "updatedAt",
            "firstName", "lastName", "email", "phone", "jobTitle", "lifecycleStage", "source", "ownerId",
            "address.street", "address.city", "address.region", "address.postalCode", "address.country", "tags",
            "company.name", "company.domain", "company.industry", "company.employeeCount", "company.annualRevenue",
            "company.currency", "company.address.city", "company.address.country", "company.tags", "company.createdAt",
        ]);
    }

    [Fact]
    public void Describe_LifecycleStage_IsAnUnsortableEnumWithCamelCaseValues()
    {
        var field = Describe("lifecycleStage");

        field.Type.ShouldBe("enum");
        field.Nullable.ShouldBeTrue();
        field.Sortable.ShouldBeFalse();
        field.Operators.ShouldBe(["eq", "neq", "in", "nin", "isNull"]);
        field.EnumValues.ShouldBe(
            ["subscriber", "lead", "marketingQualified", "salesQualified", "opportunity", "customer", "evangelist", "other"]);
    }

    [Theory]
    [InlineData("id", "uuid", false, true, "eq,neq,in,nin")]
    [InlineData("lastName", "string", true, true, "eq,neq,lt,lte,gt,gte,in,nin,contains,startsWith,endsWith,isNull")]
    [InlineData("tags", "stringSet", false, false, "contains")]
    [InlineData("createdAt", "dateTime", false, true, "eq,neq,lt,lte,gt,gte,in,nin,withinLast,olderThan")]
    [InlineData("company.name", "string", true, false, "eq,neq,lt,lte,gt,gte,in,nin,contains,startsWith,endsWith,isNull")]
    [InlineData("company.employeeCount", "integer", true, false, "eq,neq,lt,lte,gt,gte,in,nin,isNull")]
    [InlineData("company.annualRevenue", "decimal", true, false, "eq,neq,lt,lte,gt,gte,in,nin,isNull")]
    [InlineData("company.createdAt", "dateTime", true, false, "eq,neq,lt,lte,gt,gte,in,nin,withinLast,olderThan,isNull")]
    [InlineData("company.tags", "stringSet", false, false, "contains")]
    public void Describe_Field_ShowsTypeNullabilityAndOperators(string name, string type, bool nullable, bool sortable, string operators)
    {
        var field = Describe(name);

        field.Type.ShouldBe(type);
        field.Nullable.ShouldBe(nullable);
        field.Sortable.ShouldBe(sortable);
        string.Join(",", field.Operators).ShouldBe(operators);
        field.EnumValues.ShouldBeNull();
    }

    [Fact]
    public void Companies_NameIsNeverNull_AndNumbersAreSortable()
    {
        var fields = CompanyFields.Catalog.Describe().ToDictionary(f => f.Name);

        fields["name"].Nullable.ShouldBeFalse();
        fields["name"].Operators.ShouldNotContain("isNull");
        fields["employeeCount"].Sortable.ShouldBeTrue();
        fields["annualRevenue"].Type.ShouldBe("decimal");
        fields["updatedAt"].Sortable.ShouldBeTrue();
        fields.Keys.ShouldNotContain(k => k.Contains("company"));
    }

    [Fact]
    public void FindField_ReachesRelationFields_AndTheirNormalisers()
    {
        var domain = ContactFields.Catalog.FindField("company.domain")!;

        domain.Normalizer!("ACME.COM").ShouldBe("acme.com");
        domain.Sortable.ShouldBeFalse();
        ContactFields.Catalog.FindField("company.id").ShouldBeNull();
        ContactFields.Catalog.FindField("Email").ShouldBeNull();
    }

    [Fact]
    public void DateFields_TakeRelativeTimes_OtherFieldsDoNot()
    {
        var deals = DealFields.Catalog.Describe().ToDictionary(f => f.Name);

        deals["expectedCloseDate"].Operators.ShouldBe(["eq", "neq", "lt", "lte", "gt", "gte", "in", "nin", "withinLast", "olderThan", "isNull"]);
        deals["closedAt"].Operators.ShouldContain("withinLast");
        deals["amount"].Operators.ShouldNotContain("withinLast");
        deals["name"].Operators.ShouldNotContain("olderThan");
        ActivityFields.Catalog.FindField("occurredAt")!.Operators.ShouldContain(FilterOperator.OlderThan);
    }

    [Fact]
    public void ActivityConditions_AreOfferedWhereRecordsHaveActivityLinks()
    {
        ContactFields.Catalog.Activities.ShouldNotBeNull().Activities.ShouldBeSameAs(ActivityConditionFields.Catalog);
        CompanyFields.Catalog.Activities.ShouldNotBeNull();
        DealFields.Catalog.Activities.ShouldNotBeNull();
        ActivityFields.Catalog.Activities.ShouldBeNull();
        TicketFields.Catalog.Activities.ShouldBeNull();
        // Extending a catalog (custom fields) keeps them.
        ObjectCatalogBuilder<Contact>.From(ContactFields.Catalog).Build().Activities.ShouldBeSameAs(ContactFields.Catalog.Activities);
    }

    [Fact]
    public void ActivityCatalog_IsTheConditionFieldsThenTheLinks()
    {
        var names = ActivityFields.Catalog.Describe().Select(f => f.Name).ToList();

        names.Take(ActivityConditionFields.Catalog.Fields.Count).ShouldBe(ActivityConditionFields.Catalog.Fields.Select(f => f.Name));
        names.Skip(ActivityConditionFields.Catalog.Fields.Count).ShouldAllBe(n => n.StartsWith("contact.") || n.StartsWith("company.") || n.StartsWith("deal."));
        ActivityConditionFields.Catalog.Relations.ShouldBeEmpty();
    }

    [Fact]
    public void Builder_ActivityConditionsOverACatalogWithRelations_Throw()
    {
        var builder = new ObjectCatalogBuilder<Contact>().RecordFields();

        Should.Throw<InvalidOperationException>(() => builder.Activities(c => c.Activities.Select(l => l.Activity!), ActivityFields.Catalog))
            .Message.ShouldContain("own fields");
    }

    [Fact]
    public void Builder_AccessorOfTheWrongType_Throws()
    {
        var builder = new ObjectCatalogBuilder<Contact>();

        Should.Throw<InvalidOperationException>(() => builder.Field("lastName", FieldType.Integer, c => c.LastName))
            .Message.ShouldContain("lastName");
        Should.Throw<InvalidOperationException>(() => builder.Field("createdAt", FieldType.String, c => c.CreatedAt));
        Should.Throw<InvalidOperationException>(() => builder.Field("id", FieldType.Uuid, c => c.Id, nullable: true));
    }

    [Fact]
    public void Builder_DuplicateName_Throws()
    {
        var builder = new ObjectCatalogBuilder<Contact>()
            .Field("id", FieldType.Uuid, c => c.Id)
            .Field("id", FieldType.Uuid, c => c.Id);

        Should.Throw<InvalidOperationException>(() => builder.Build(defaultSort: "id")).Message.ShouldContain("'id' twice");
    }

    [Fact]
    public void Builder_InvalidDefaultSortOrMissingKey_Throws()
    {
        var builder = new ObjectCatalogBuilder<Contact>().Field("id", FieldType.Uuid, c => c.Id);

        Should.Throw<InvalidOperationException>(() => builder.Build()).Message.ShouldContain("-createdAt");
        Should.Throw<InvalidOperationException>(() => builder.Build(key: "uuid", defaultSort: "id")).Message.ShouldContain("uuid");
    }
}
