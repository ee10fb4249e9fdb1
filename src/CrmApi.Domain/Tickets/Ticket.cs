using CrmApi.Domain.Common;
using CrmApi.Domain.Companies;
using CrmApi.Domain.Contacts;
using CrmApi.Domain.CustomFields;

namespace CrmApi.Domain.Tickets;

/// <summary>
/// A customer's request worked by the service team through the stages of a ticket pipeline, against the targets of an
/// SLA policy.
/// </summary>
/// <remarks>
/// The ticket keeps the facts its SLA clocks need: the priority history, the times its clocks were stopped (pending,
/// and solved until a reopen) and when it was first answered and solved. The SLA policy is chosen when the ticket is
/// created and again when its priority changes. <see cref="FirstResponseDueAt"/> and <see cref="ResolutionDueAt"/> are
/// kept up to date from those facts so due tickets can be found by index; the SLA itself is computed when read.
/// </remarks>
public sealed class Ticket : Record
{
    private readonly List<TicketStageChange> _stageChanges = [];

    private Ticket()
    {
        Subject = Stage = "";
    }

    private Ticket(Guid id, Guid workspaceId, DateTimeOffset now) : base(id, workspaceId, now)
    {
        Subject = Stage = "";
    }

    public string Subject { get; private set; }
    public string? Description { get; private set; }
    public Guid PipelineId { get; private set; }
    /// <summary>The key of the stage in <see cref="PipelineId"/>.</summary>
    public string Stage { get; private set; }
    /// <summary>The state of the current stage (kept with the ticket: a stage holding tickets cannot change state).</summary>
    public TicketState State { get; private set; }
    public DateTimeOffset StageEnteredAt { get; private set; }
    public TicketPriority Priority { get; private set; }
    public TicketChannel? Channel { get; private set; }
    public Guid? RequesterId { get; private set; }
    public Guid? CompanyId { get; private set; }
    public string? AssigneeId { get; private set; }
    public List<string> Tags { get; private set; } = [];
    public List<TicketExternalId> ExternalIds { get; private set; } = [];
    public CustomSlots Custom { get; private set; } = CustomSlots.Empty;

    /// <summary>The requester and company, loaded by the data layer for filters that reach them.</summary>
    public Contact? Requester { get; private set; }
    public Company? Company { get; private set; }

    public Guid? SlaPolicyId { get; private set; }
    /// <summary>Every priority the ticket had, the one it was created with first.</summary>
    public List<PriorityChange> PriorityHistory { get; private set; } = [];
    /// <summary>When the SLA clocks were stopped: pending stays, and solved stays that ended in a reopen.</summary>
    public List<PendingPeriod> Pauses { get; private set; } = [];
    public DateTimeOffset? FirstRespondedAt { get; private set; }
    /// <summary>When the ticket entered a solved or closed state; cleared by a reopen.</summary>
    public DateTimeOffset? SolvedAt { get; private set; }
    public DateTimeOffset? FirstResponseDueAt { get; private set; }
    public DateTimeOffset? ResolutionDueAt { get; private set; }

    public int? SatisfactionScore { get; private set; }
    public string? SatisfactionComment { get; private set; }
    public DateTimeOffset? SatisfactionAt { get; private set; }

    /// <summary>Stage entries not yet recorded by the application (not stored).</summary>
    public IReadOnlyList<TicketStageChange> StageChanges => _stageChanges;

    /// <summary>The assignee changed to someone (not stored); the application records <c>ticket.assigned</c>.</summary>
    public (string? From, string To)? Assignment { get; private set; }

    public TicketPlace Place => new(PipelineId, Stage, State);

    public bool IsResolved => Place.IsResolved;

    public static Ticket Create(Guid id, Guid workspaceId, TicketDetails details, DateTimeOffset now)
    {
        var ticket = new Ticket(id, workspaceId, now);
        ticket.Apply(details);
        ticket.PriorityHistory = [new PriorityChange(ticket.CreatedAt, details.Priority)];
        ticket.SlaPolicyId = details.SlaPolicyId;
        ticket.Enter(PlaceOf(details), now, from: null);
        return ticket;
    }

    public TicketDetails Details => new(
        Subject, Description, PipelineId, Stage, Priority, Channel, RequesterId, CompanyId, AssigneeId, [.. Tags],
        Common.ExternalIds.ToMap(ExternalIds), Custom, State, SlaPolicyId);

    /// <summary>
    /// Applies new details. A different pipeline or stage is a stage entry; a different priority is recorded for the
    /// SLA and brings the policy the details name. The version moves only on a change.
    /// </summary>
    public bool Update(TicketDetails details, DateTimeOffset now)
    {
        var priority = Priority;
        var changed = Apply(details);
        if (details.Priority != priority)
        {
            PriorityHistory = [.. PriorityHistory, new PriorityChange(Truncate(now), details.Priority)];
            SlaPolicyId = details.SlaPolicyId;
        }
        var to = PlaceOf(details);
        if (to.PipelineId != PipelineId || to.Stage != Stage)
        {
            Enter(to, now, Place);
            changed = true;
        }
        if (changed) Touch(now);
        return changed;
    }

    /// <summary>Moves the ticket to another stage by a rule rather than a client's edit (its stage was removed).</summary>
    public bool MoveTo(TicketPlace to, DateTimeOffset now)
    {
        if (to.PipelineId == PipelineId && to.Stage == Stage) return false;
        Enter(to, now, Place);
        Touch(now);
        return true;
    }

    /// <summary>A comment was added: the first public agent reply is the first response. The ticket changes either way.</summary>
    public void Commented(TicketComment comment, DateTimeOffset now)
    {
        if (comment.IsAgentReply && FirstRespondedAt is null) FirstRespondedAt = comment.CreatedAt;
        Touch(now);
    }

    /// <summary>Why the requester cannot rate the ticket now; null when they can.</summary>
    public string? SatisfactionRefusal => SatisfactionScore is not null
        ? "The ticket has already been rated; a ticket takes one satisfaction rating."
        : !IsResolved ? $"Only a solved or closed ticket can be rated; this one is {State.ToString().ToLowerInvariant()}." : null;

    public void Rate(int score, string? comment, DateTimeOffset now)
    {
        if (SatisfactionRefusal is { } refusal) throw new InvalidOperationException(refusal);
        if (score is < 1 or > 5) throw new ArgumentOutOfRangeException(nameof(score), score, "A score is 1..5.");
        SatisfactionScore = score;
        SatisfactionComment = comment;
        SatisfactionAt = Truncate(now);
        Touch(now);
    }

    /// <summary>
    /// Sets the requester and company of a ticket that is not stored (one built to test policy conditions on what a
    /// write would make of it), so conditions reaching <c>requester.*</c> and <c>company.*</c> can be evaluated in memory.
    /// </summary>
    public void LinkForConditions(Contact? requester, Company? company)
    {
        Requester = requester;
        Company = company;
    }

    /// <summary>The facts the SLA clocks run on.</summary>
    public SlaTimeline SlaTimeline => new(
        CreatedAt, PriorityHistory.Count > 0 ? PriorityHistory[0].Priority : Priority, [.. PriorityHistory.Skip(1)], Pauses,
        FirstRespondedAt, SolvedAt);

    /// <summary>The ticket's SLA at <paramref name="now"/> under <paramref name="policy"/> (its own, looked up by the caller).</summary>
    public SlaStatus SlaAt(SlaPolicy policy, DateTimeOffset now) => SlaClock.Evaluate(policy, SlaTimeline, now < CreatedAt ? CreatedAt : now);

    /// <summary>
    /// Recomputes the due instants under <paramref name="policy"/> (null: the ticket has none). A target has one while
    /// it is open and its clock runs, and also once it was met late until that breach is among
    /// <paramref name="reported"/>, so the breach worker finds every miss. Not a change of the ticket: the version stays.
    /// </summary>
    public void RefreshDueDates(SlaPolicy? policy, DateTimeOffset now, IReadOnlyCollection<SlaTarget>? reported = null)
    {
        if (policy is null)
        {
            FirstResponseDueAt = ResolutionDueAt = null;
            return;
        }
        var sla = SlaAt(policy, now);
        FirstResponseDueAt = DueOf(sla.FirstResponse, reported?.Contains(SlaTarget.FirstResponse) == true);
        ResolutionDueAt = DueOf(sla.Resolution, reported?.Contains(SlaTarget.Resolution) == true);
    }

    private static DateTimeOffset? DueOf(SlaTargetStatus target, bool reported)
        => target.DueAt is not { } due || (target.IsAchieved && (!target.IsBreached || reported)) ? null : Truncate(due);

    /// <summary>The application recorded the stage entries and assignment: forget them.</summary>
    public void ClearChanges()
    {
        _stageChanges.Clear();
        Assignment = null;
    }

    private static TicketPlace PlaceOf(TicketDetails d) => new(
        d.PipelineId ?? throw new InvalidOperationException("The ticket's pipeline was not resolved."),
        d.Stage ?? throw new InvalidOperationException("The ticket's stage was not resolved."),
        d.State);

    private void Enter(TicketPlace to, DateTimeOffset now, TicketPlace? from)
    {
        now = Truncate(now);
        _stageChanges.Add(new TicketStageChange(from, from is null ? null : StageEnteredAt, to, now));
        var wasPending = from?.State == TicketState.Pending;
        if (wasPending && Pauses.Count > 0 && Pauses[^1].End is null)
            Pauses = [.. Pauses.Take(Pauses.Count - 1), Pauses[^1] with { End = now }];
        if (from?.IsResolved == true && !to.IsResolved && SolvedAt is { } solved)
        {
            // The time spent solved does not count against the resolution target of the reopened ticket.
            Pauses = [.. Pauses, new PendingPeriod(solved, now)];
            SolvedAt = null;
        }
        if (to.IsResolved) SolvedAt ??= now;
        if (to.State == TicketState.Pending) Pauses = [.. Pauses, new PendingPeriod(now)];
        PipelineId = to.PipelineId;
        Stage = to.Stage;
        State = to.State;
        StageEnteredAt = now;
    }

    private bool Apply(TicketDetails d)
    {
        var changed = Subject != d.Subject || Description != d.Description || Priority != d.Priority || Channel != d.Channel
            || RequesterId != d.RequesterId || CompanyId != d.CompanyId || AssigneeId != d.AssigneeId
            || !Lists.SameItems(Tags, d.Tags) || Custom != (d.Custom ?? CustomSlots.Empty);
        if (d.AssigneeId is { } assignee && assignee != AssigneeId) Assignment = (AssigneeId, assignee);
        Subject = d.Subject;
        Description = d.Description;
        Priority = d.Priority;
        Channel = d.Channel;
        RequesterId = d.RequesterId;
        CompanyId = d.CompanyId;
        AssigneeId = d.AssigneeId;
        if (!Lists.SameItems(Tags, d.Tags)) Tags = [.. d.Tags];
        Custom = d.Custom ?? CustomSlots.Empty;
        changed |= Common.ExternalIds.Sync(ExternalIds, d.ExternalIds, (s, v) => new TicketExternalId(WorkspaceId, Id, s, v));
        return changed;
    }
}
