using CrmApi.Domain.Activities;
using CrmApi.Domain.Common;
using CrmApi.Domain.CustomFields;

namespace CrmApi.Domain.Contacts;

/// <summary>A person the workspace has a relationship with.</summary>
public sealed class Contact : Record
{
    private Contact() { }

    private Contact(Guid id, Guid workspaceId, DateTimeOffset now) : base(id, workspaceId, now) { }

    public string? FirstName { get; private set; }
    public string? LastName { get; private set; }
    /// <summary>The primary email (the first of <see cref="Emails"/>), kept as a column to filter and sort on.</summary>
    public string? Email { get; private set; }
    public List<string> Emails { get; private set; } = [];
    /// <summary>The primary phone (the first of <see cref="Phones"/>).</summary>
    public string? Phone { get; private set; }
    public List<string> Phones { get; private set; } = [];
    public string? JobTitle { get; private set; }
    public LifecycleStage? LifecycleStage { get; private set; }
    public string? Source { get; private set; }
    public string? OwnerId { get; private set; }
    public Address Address { get; private set; } = Address.Empty;
    public List<string> Tags { get; private set; } = [];
    public List<ContactExternalId> ExternalIds { get; private set; } = [];
    public List<ContactCompany> Companies { get; private set; } = [];
    /// <summary>The activities linked to the contact. Activities own these links; the data layer fills this list only when a query reads it.</summary>
    public List<ActivityContact> Activities { get; private set; } = [];
    public CustomSlots Custom { get; private set; } = CustomSlots.Empty;

    public static Contact Create(Guid id, Guid workspaceId, ContactDetails details, DateTimeOffset now)
    {
        var contact = new Contact(id, workspaceId, now);
        contact.Apply(details);
        return contact;
    }

    public ContactDetails Details => new(
        FirstName, LastName, Emails, Phones, JobTitle, LifecycleStage, Source, OwnerId, Address, Tags,
        Common.ExternalIds.ToMap(ExternalIds), Custom);

    /// <summary>Applies new details; the version moves only when something actually changed.</summary>
    public bool Update(ContactDetails details, DateTimeOffset now)
    {
        var changed = Apply(details);
        if (changed) Touch(now);
        return changed;
    }

    private bool Apply(ContactDetails d)
    {
        var changed = FirstName != d.FirstName || LastName != d.LastName || JobTitle != d.JobTitle
            || LifecycleStage != d.LifecycleStage || Source != d.Source || OwnerId != d.OwnerId || Address != d.Address
            || !Lists.SameItems(Emails, d.Emails) || !Lists.SameItems(Phones, d.Phones) || !Lists.SameItems(Tags, d.Tags)
            || Custom != (d.Custom ?? CustomSlots.Empty);
        Custom = d.Custom ?? CustomSlots.Empty;
        FirstName = d.FirstName;
        LastName = d.LastName;
        if (!Lists.SameItems(Emails, d.Emails)) Emails = [.. d.Emails];
        Email = Emails.FirstOrDefault();
        if (!Lists.SameItems(Phones, d.Phones)) Phones = [.. d.Phones];
        Phone = Phones.FirstOrDefault();
        JobTitle = d.JobTitle;
        LifecycleStage = d.LifecycleStage;
        Source = d.Source;
        OwnerId = d.OwnerId;
        Address = d.Address;
        if (!Lists.SameItems(Tags, d.Tags)) Tags = [.. d.Tags];
        changed |= Common.ExternalIds.Sync(ExternalIds, d.ExternalIds, (s, v) => new ContactExternalId(WorkspaceId, Id, s, v));
        return changed;
    }

    /// <summary>
    /// Links this contact to a company, or updates the link. At most one link is primary: making one primary
    /// demotes the others. Says whether the link was added, changed, or already so.
    /// </summary>
    public LinkChange Link(Guid companyId, string? role, bool primary, DateTimeOffset now)
    {
        var link = Companies.Find(l => l.CompanyId == companyId);
        LinkChange change;
        if (link is null)
        {
            link = new ContactCompany(WorkspaceId, Id, companyId, role, primary, now);
            Companies.Add(link);
            change = LinkChange.Added;
        }
        else if (link.Role == role && link.IsPrimary == primary)
        {
            return LinkChange.Unchanged;
        }
        else
        {
            link.Change(role, primary);
            change = LinkChange.Updated;
        }
        if (primary)
        {
            foreach (var other in Companies.Where(l => l != link && l.IsPrimary)) other.Change(other.Role, false);
        }
        Touch(now);
        return change;
    }

    public bool Unlink(Guid companyId, DateTimeOffset now)
    {
        var removed = Companies.RemoveAll(l => l.CompanyId == companyId) > 0;
        if (removed) Touch(now);
        return removed;
    }
}
