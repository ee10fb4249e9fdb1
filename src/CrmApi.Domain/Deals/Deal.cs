using CrmApi.Domain.Activities;
using CrmApi.Domain.Common;
using CrmApi.Domain.CustomFields;
using CrmApi.Domain.Pipelines;

namespace CrmApi.Domain.Deals;

/// <summary>
/// A sales opportunity moving through the stages of a deal pipeline. Entering a won or lost stage sets
/// <see cref="ClosedAt"/>; entering an open one clears it. Each stage entry is kept in <see cref="StageChanges"/> until the
/// application has recorded it.
/// </summary>
public sealed class Deal : Record
{
    private readonly List<StageChange> _stageChanges = [];

    private Deal()
    {
        Stage = "";
    }

    private Deal(Guid id, Guid workspaceId, DateTimeOffset now) : base(id, workspaceId, now)
    {
        Stage = "";
    }

    public string Name { get; private set; } = "";
    public decimal? Amount { get; private set; }
    public string? Currency { get; private set; }
    public Guid PipelineId { get; private set; }
    /// <summary>The key of the stage in <see cref="PipelineId"/>.</summary>
    public string Stage { get; private set; }
    /// <summary>The category of the current stage (kept with the deal: a stage holding deals cannot change category).</summary>
    public StageCategory StageCategory { get; private set; }
    public DateTimeOffset StageEnteredAt { get; private set; }
    public string? OwnerId { get; private set; }
    public DateOnly? ExpectedCloseDate { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? LostReason { get; private set; }
    public string? Source { get; private set; }
    public List<DealContact> Contacts { get; private set; } = [];
    public List<DealCompany> Companies { get; private set; } = [];
    public List<DealExternalId> ExternalIds { get; private set; } = [];
    /// <summary>The activities linked to the deal. Activities own these links; the data layer fills this list only when a query reads it.</summary>
    public List<ActivityDeal> Activities { get; private set; } = [];
    public CustomSlots Custom { get; private set; } = CustomSlots.Empty;

    /// <summary>Stage entries not yet recorded by the application (not stored).</summary>
    public IReadOnlyList<StageChange> StageChanges => _stageChanges;

    public StagePlace Place => new(PipelineId, Stage, StageCategory);

    public static Deal Create(Guid id, Guid workspaceId, DealDetails details, DateTimeOffset now)
    {
        var deal = new Deal(id, workspaceId, now);
        deal.Apply(details);
        deal.Enter(PlaceOf(details), now, from: null);
        return deal;
    }

    public DealDetails Details => new(
        Name, Amount, Currency, PipelineId, Stage, OwnerId, ExpectedCloseDate, LostReason, Source,
        [.. Contacts.Select(c => new DealContactLink(c.ContactId, c.Role))], [.. Companies.Select(c => c.CompanyId)],
        Common.ExternalIds.ToMap(ExternalIds), Custom, StageCategory);

    /// <summary>Applies new details; a different pipeline or stage is a stage entry. The version moves only on a change.</summary>
    public bool Update(DealDetails details, DateTimeOffset now)
    {
        var changed = Apply(details);
        var to = PlaceOf(details);
        if (to.PipelineId != PipelineId || to.Stage != Stage)
        {
            Enter(to, now, Place);
            changed = true;
        }
        if (changed) Touch(now);
        return changed;
    }

    /// <summary>Moves the deal to another stage by a rule rather than a client's edit (its stage was removed).</summary>
    public bool MoveTo(StagePlace to, DateTimeOffset now)
    {
        if (to.PipelineId == PipelineId && to.Stage == Stage) return false;
        Enter(to, now, Place);
        Touch(now);
        return true;
    }

    /// <summary>The application recorded the stage entries: forget them.</summary>
    public void ClearStageChanges() => _stageChanges.Clear();

    private static StagePlace PlaceOf(DealDetails d) => new(
        d.PipelineId ?? throw new InvalidOperationException("The deal's pipeline was not resolved."),
        d.Stage ?? throw new InvalidOperationException("The deal's stage was not resolved."),
        d.StageCategory);

    private void Enter(StagePlace to, DateTimeOffset now, StagePlace? from)
    {
        now = Truncate(now);
        _stageChanges.Add(new StageChange(from, from is null ? null : StageEnteredAt, to, now));
        PipelineId = to.PipelineId;
        Stage = to.Stage;
        StageEnteredAt = now;
        if (to.Category == StageCategory.Open) ClosedAt = null;
        else if (from?.Category != to.Category || ClosedAt is null) ClosedAt = now;
        StageCategory = to.Category;
    }

    private bool Apply(DealDetails d)
    {
        var changed = Name != d.Name || Amount != d.Amount || Currency != d.Currency || OwnerId != d.OwnerId
            || ExpectedCloseDate != d.ExpectedCloseDate || LostReason != d.LostReason || Source != d.Source
            || Custom != (d.Custom ?? CustomSlots.Empty);
        Name = d.Name;
        Amount = d.Amount;
        Currency = d.Currency;
        OwnerId = d.OwnerId;
        ExpectedCloseDate = d.ExpectedCloseDate;
        LostReason = d.LostReason;
        Source = d.Source;
        Custom = d.Custom ?? CustomSlots.Empty;

        changed |= Contacts.RemoveAll(l => d.Contacts.All(c => c.ContactId != l.ContactId)) > 0;
        foreach (var link in d.Contacts)
        {
            var existing = Contacts.Find(l => l.ContactId == link.ContactId);
            if (existing is null)
            {
                Contacts.Add(new DealContact(WorkspaceId, Id, link.ContactId, link.Role));
                changed = true;
            }
            else if (existing.Role != link.Role)
            {
                existing.Role = link.Role;
                changed = true;
            }
        }
        changed |= Companies.RemoveAll(l => !d.CompanyIds.Contains(l.CompanyId)) > 0;
        foreach (var id in d.CompanyIds.Where(id => Companies.TrueForAll(l => l.CompanyId != id)))
        {
            Companies.Add(new DealCompany(WorkspaceId, Id, id));
            changed = true;
        }
        changed |= Common.ExternalIds.Sync(ExternalIds, d.ExternalIds, (s, v) => new DealExternalId(WorkspaceId, Id, s, v));
        return changed;
    }
}
