using System.Linq.Expressions;
using System.Text.Json.Nodes;
using CrmApi.Application.Common;
using CrmApi.Application.Pipelines;
using CrmApi.Application.Querying;
using CrmApi.Application.Records;
using CrmApi.Application.SlaPolicies;
using CrmApi.Domain.CustomFields;
using CrmApi.Domain.Pipelines;
using CrmApi.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace CrmApi.Application.Tickets;

/// <summary>
/// How the shared record use cases handle tickets. One per scope: it holds the workspace's SLA policies once loaded, and
/// the instant of the use case, at which representations compute their <c>sla</c>.
/// </summary>
public sealed class TicketDefinition(SlaPolicyBook book, TicketCatalog catalog) : IRecordDefinition<Ticket, TicketInput, TicketDetails, TicketDto>
{
    private SlaPolicySet _policies = SlaPolicySet.Empty;
    private DateTimeOffset _now;
    private ObjectCatalog<Ticket> _catalog = TicketFields.Catalog;

    public string Name => "ticket";

    public async Task PrepareAsync(RecordServices services, CancellationToken ct)
    {
        _policies = await book.LoadAsync(ct);
        _catalog = await catalog.LoadAsync(ct, ownCustomFields: false);
        _now = services.Clock.GetUtcNow();
    }

    /// <summary>The policy that governs a ticket: the one it was given, even if deleted since.</summary>
    public SlaPolicyEntry? PolicyOf(Ticket ticket) => ticket.SlaPolicyId is { } id ? _policies.Find(id) : null;

    public IQueryable<Ticket> Query(ICrmDbContext db, bool includeDeleted = false)
    {
        var source = includeDeleted ? db.Tickets.IgnoreQueryFilters([QueryFilters.SoftDelete]) : db.Tickets;
        return source.Include(t => t.ExternalIds);
    }

    /// <summary>The built-in fields and the requester's and company's custom fields (the ticket's own are added by the use cases).</summary>
    public ObjectCatalog<Ticket> Catalog => _catalog;

    public IQueryable<Ticket> WhereExternalId(IQueryable<Ticket> source, string system, string value)
        => source.Where(t => t.ExternalIds.Any(e => e.System == system && e.Value == value));

    public Result<TicketDetails> Validate(TicketInput input) => TicketValidator.Validate(input);
    public TicketInput ToInput(TicketDetails details) => TicketInput.From(details);
    public TicketDetails DetailsOf(Ticket entity) => entity.Details;
    public Ticket Create(Guid id, Guid workspaceId, TicketDetails details, DateTimeOffset now) => Ticket.Create(id, workspaceId, details, now);
    public bool Update(Ticket entity, TicketDetails details, DateTimeOffset now) => entity.Update(details, now);

    /// <summary>The pipeline and stage (defaults when not named), with the stage's state.</summary>
    public async Task<Result<TicketDetails>> ResolveAsync(RecordServices services, TicketDetails details, CancellationToken ct)
    {
        var stage = await StageResolver.ResolveAsync(services, PipelineObjectType.Ticket, details.PipelineId, details.Stage, ct);
        if (!stage.IsSuccess) return Result<TicketDetails>.Fail(stage.Errors);
        var s = stage.Value!;
        var resolved = details with { PipelineId = s.PipelineId, Stage = s.Key, State = s.State ?? TicketState.New };
        return resolved with { SlaPolicyId = (await MatchAsync(services, resolved, ct))?.Id };
    }

    /// <summary>
    /// The policy a ticket with these details would get (it takes it on creation and when its priority changes):
    /// conditions are tested in memory on the ticket the write would make, with its requester and company loaded.
    /// </summary>
    private async Task<SlaPolicyEntry?> MatchAsync(RecordServices services, TicketDetails details, CancellationToken ct)
    {
        if (_policies.All.All(p => p.IsDeleted)) return null;
        var candidate = Ticket.Create(Guid.Empty, services.Workspace.RequiredId, details, _now);
        var requester = details.RequesterId is { } r ? await services.Db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == r, ct) : null;
        var company = details.CompanyId is { } c ? await services.Db.Companies.AsNoTracking().FirstOrDefaultAsync(x => x.Id == c, ct) : null;
        candidate.LinkForConditions(requester, company);
        return _policies.Match(candidate);
    }

    /// <summary>External ids are unique; the requester and company are live records of the workspace.</summary>
    public async Task<Error?> CheckAsync(ICrmDbContext db, Guid id, TicketDetails details, CancellationToken ct)
        => await Writes.UnknownLinkAsync(db.Contacts, details.RequesterId is { } r ? [r] : [], "requesterId", "contact", ct) is { } requester
            ? requester with { Field = "requesterId" }
            : await Writes.UnknownLinkAsync(db.Companies, details.CompanyId is { } c ? [c] : [], "companyId", "company", ct) is { } company
                ? company with { Field = "companyId" }
                : await Writes.ExternalIdConflictAsync(db.TicketExternalIds, id, details.ExternalIds, Name, ct);

    /// <summary>The ticket with its SLA at the use case's instant, or at its own last change when that came later in the use case.</summary>
    public TicketDto ToDto(Ticket entity)
        => TicketDto.From(entity, PolicyOf(entity) is { } p
            ? TicketSlaDto.From(p.Id, entity.SlaAt(p.Policy, entity.UpdatedAt > _now ? entity.UpdatedAt : _now))
            : null);

    public async Task AfterWriteAsync(RecordServices services, Ticket entity, TicketDto dto, CancellationToken ct)
    {
        TicketEvents.RecordChanges(services, entity, dto);
        await TicketSla.SyncAsync(services, entity, PolicyOf(entity), dto, report: false, ct);
    }

    public Expression<Func<Ticket, CustomSlots>>? CustomAccessor => Custom;
    private static readonly Expression<Func<Ticket, CustomSlots>> Custom = e => e.Custom;
    public CustomSlots CustomOf(Ticket entity) => entity.Custom;
    public CustomSlots CustomOfDetails(TicketDetails details) => details.Custom ?? CustomSlots.Empty;
    public TicketDetails WithCustom(TicketDetails details, CustomSlots custom) => details with { Custom = custom };
    public TicketDto WithCustom(TicketDto dto, JsonObject custom) => dto with { Custom = custom };
}
