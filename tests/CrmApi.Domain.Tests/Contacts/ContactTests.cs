using CrmApi.Domain.Common;
using CrmApi.Domain.Contacts;

namespace CrmApi.Domain.Tests.Contacts;

public sealed class ContactTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Workspace = Guid.CreateVersion7();

    private static ContactDetails Details(string? lastName = "Lovelace", IReadOnlyDictionary<string, string>? ids = null) => new(
        "Ada", lastName, ["ada@example.com", "ada@work.example"], ["+44 20 7946 0000"], null, LifecycleStage.Lead, null, null,
        Address.Empty, ["vip"], ids ?? new Dictionary<string, string> { ["shopify"] = "8812" });

    [Fact]
    public void Create_starts_at_version_1_with_the_primary_email_first()
    {
        var c = Contact.Create(Guid.CreateVersion7(), Workspace, Details(), T0);
        c.Version.ShouldBe(1);
        c.Email.ShouldBe("ada@example.com");
        c.Phone.ShouldBe("+44 20 7946 0000");
        c.ExternalIds.Single().Value.ShouldBe("8812");
        c.CreatedAt.ShouldBe(T0);
    }

    [Fact]
    public void Update_with_the_same_details_keeps_the_version()
    {
        var c = Contact.Create(Guid.CreateVersion7(), Workspace, Details(), T0);
        c.Update(Details(), T0.AddMinutes(1)).ShouldBeFalse();
        c.Version.ShouldBe(1);
        c.UpdatedAt.ShouldBe(T0);
    }

    [Fact]
    public void Update_with_a_change_moves_the_version_and_time()
    {
        var c = Contact.Create(Guid.CreateVersion7(), Workspace, Details(), T0);
        c.Update(Details(lastName: "King"), T0.AddMinutes(1)).ShouldBeTrue();
        c.Version.ShouldBe(2);
        c.LastName.ShouldBe("King");
        c.UpdatedAt.ShouldBe(T0.AddMinutes(1));
    }

    [Fact]
    public void Update_syncs_external_ids_adding_changing_and_removing()
    {
        var c = Contact.Create(Guid.CreateVersion7(), Workspace, Details(), T0);
        c.Update(Details(ids: new Dictionary<string, string> { ["erp"] = "C-1" }), T0.AddMinutes(1)).ShouldBeTrue();
        c.ExternalIds.Select(e => (e.System, e.Value)).ShouldBe([("erp", "C-1")]);
        c.Details.ExternalIds["erp"].ShouldBe("C-1");
    }

    [Fact]
    public void Linking_a_second_primary_company_demotes_the_first()
    {
        var c = Contact.Create(Guid.CreateVersion7(), Workspace, Details(), T0);
        var first = Guid.CreateVersion7();
        var second = Guid.CreateVersion7();
        c.Link(first, "CTO", primary: true, T0);
        c.Link(second, null, primary: true, T0);
        c.Companies.Count(l => l.IsPrimary).ShouldBe(1);
        c.Companies.Single(l => l.IsPrimary).CompanyId.ShouldBe(second);
        c.Companies.Single(l => l.CompanyId == first).Role.ShouldBe("CTO");
    }

    [Fact]
    public void Unlinking_an_unknown_company_changes_nothing()
    {
        var c = Contact.Create(Guid.CreateVersion7(), Workspace, Details(), T0);
        c.Unlink(Guid.CreateVersion7(), T0).ShouldBeFalse();
        c.Version.ShouldBe(1);
    }

    [Fact]
    public void Delete_and_restore_each_move_the_version_once()
    {
        var c = Contact.Create(Guid.CreateVersion7(), Workspace, Details(), T0);
        c.Delete(T0.AddMinutes(1));
        c.Delete(T0.AddMinutes(2));
        c.IsDeleted.ShouldBeTrue();
        c.Version.ShouldBe(2);
        c.Restore(T0.AddMinutes(3));
        c.IsDeleted.ShouldBeFalse();
        c.Version.ShouldBe(3);
    }

    [Fact]
    public void Times_keep_microseconds()
    {
        var t = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567);
        var c = Contact.Create(Guid.CreateVersion7(), Workspace, Details(), t);
        c.CreatedAt.Offset.ShouldBe(TimeSpan.Zero);
        (c.CreatedAt.UtcTicks % 10).ShouldBe(0);
        c.CreatedAt.UtcTicks.ShouldBe(t.UtcTicks - 7);
    }
}
