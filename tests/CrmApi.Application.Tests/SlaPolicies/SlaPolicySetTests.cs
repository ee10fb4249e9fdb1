using CrmApi.Application.SlaPolicies;
using CrmApi.Domain.Companies;
using CrmApi.Domain.Tickets;
using Microsoft.Extensions.Time.Testing;
using static CrmApi.Application.Tests.Querying.TestData;

namespace CrmApi.Application.Tests.SlaPolicies;

/// <summary>Which policy a ticket gets: the first live one by position whose conditions it meets, tested in memory.</summary>
public class SlaPolicySetTests
{
    private static readonly SlaPolicy Policy = SlaPolicy.Create(
        BusinessCalendar.Create("Europe/Berlin", new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>
        {
            [DayOfWeek.Monday] = [new(TimeSpan.FromHours(9), TimeSpan.FromHours(17))],
        }),
        Enum.GetValues<TicketPriority>().ToDictionary(p => p, p => SlaTargets.Create(60 * (4 - (int)p), 480 * (4 - (int)p))));

    private static SlaPolicyDefinition Definition(string name, int position, string? conditions, bool deleted = false)
    {
        var definition = new SlaPolicyDefinition(Guid.CreateVersion7(), WorkspaceId, name, position, conditions, Policy, Now);
        if (deleted) definition.Delete(Now);
        return definition;
    }

    private static Ticket NewTicket(TicketPriority priority = TicketPriority.Normal, TicketChannel? channel = null, Company? company = null,
        params string[] tags)
    {
        var ticket = Ticket.Create(Guid.CreateVersion7(), WorkspaceId,
            new TicketDetails("Printer on fire", null, Guid.CreateVersion7(), "new", priority, channel, null, company?.Id, null, tags,
                new Dictionary<string, string>()),
            Now);
        // EF Core loads the company navigation for conditions on company.*; in memory it is set by hand.
        if (company is not null) typeof(Ticket).GetProperty(nameof(Ticket.Company))!.SetValue(ticket, company);
        return ticket;
    }

    private static string? MatchName(SlaPolicySet set, Ticket ticket) => set.Match(ticket)?.Name;

    [Fact]
    public void Match_TakesTheFirstMatchingPolicyByPosition_NotByListOrder()
    {
        var set = SlaPolicySet.From(
        [
            Definition("Everyone", 3, null),
            Definition("Urgent email", 1, """{"priority":{"eq":"urgent"},"channel":{"eq":"email"}}"""),
            Definition("Urgent", 2, """{"priority":{"in":["urgent","high"]}}"""),
            Definition("VIP", 0, """{"tags":{"contains":"vip"}}"""),
        ], Clock);

        set.All.Select(e => e.Name).ShouldBe(["VIP", "Urgent email", "Urgent", "Everyone"]);
        MatchName(set, NewTicket(TicketPriority.Urgent, TicketChannel.Email)).ShouldBe("Urgent email");
        MatchName(set, NewTicket(TicketPriority.Urgent, TicketChannel.Chat)).ShouldBe("Urgent");
        MatchName(set, NewTicket(TicketPriority.High)).ShouldBe("Urgent");
        MatchName(set, NewTicket(TicketPriority.Urgent, TicketChannel.Email, null, "vip")).ShouldBe("VIP");
        MatchName(set, NewTicket(TicketPriority.Low)).ShouldBe("Everyone");
    }

    [Fact]
    public void Match_WithoutAMatchingPolicy_IsNull()
    {
        var set = SlaPolicySet.From([Definition("Urgent", 0, """{"priority":{"eq":"urgent"}}""")], Clock);
        set.Match(NewTicket(TicketPriority.Low)).ShouldBeNull();
        SlaPolicySet.Empty.Match(NewTicket()).ShouldBeNull();
    }

    [Fact]
    public void A_deleted_policy_matches_no_ticket_but_is_still_found_by_id()
    {
        var deleted = Definition("Old default", 0, null, deleted: true);
        var set = SlaPolicySet.From([deleted, Definition("Urgent", 0, """{"priority":{"eq":"urgent"}}""")], Clock);

        MatchName(set, NewTicket(TicketPriority.Low)).ShouldBeNull();
        MatchName(set, NewTicket(TicketPriority.Urgent)).ShouldBe("Urgent");
        var found = set.Find(deleted.Id)!;
        found.IsDeleted.ShouldBeTrue();
        found.Policy.ShouldBeSameAs(Policy);
        set.All.Select(e => e.Name).ShouldBe(["Urgent", "Old default"]);
        set.Find(Guid.CreateVersion7()).ShouldBeNull();
    }

    [Fact]
    public void Company_conditions_read_the_loaded_company_and_a_ticket_without_one_fails_them()
    {
        var set = SlaPolicySet.From([Definition("Banks", 0, """{"company.industry":{"eq":"Banking"},"priority":{"neq":"low"}}""")], Clock);
        var bank = NewCompany("First Bank", industry: "Banking");

        MatchName(set, NewTicket(TicketPriority.Normal, company: bank)).ShouldBe("Banks");
        MatchName(set, NewTicket(TicketPriority.Low, company: bank)).ShouldBeNull();
        MatchName(set, NewTicket(TicketPriority.Normal, company: NewCompany("Shop", industry: "Retail"))).ShouldBeNull();
        MatchName(set, NewTicket(TicketPriority.Normal)).ShouldBeNull();
    }

    [Fact]
    public void Relative_time_conditions_read_the_clock_at_each_match_though_the_set_is_kept()
    {
        var clock = new FakeTimeProvider(Now);
        var set = SlaPolicySet.From([Definition("Fresh", 0, """{"createdAt":{"withinLast":"PT1H"}}"""), Definition("Everyone", 1, null)], clock);
        var ticket = NewTicket();

        MatchName(set, ticket).ShouldBe("Fresh");
        clock.Advance(TimeSpan.FromMinutes(61));
        MatchName(set, ticket).ShouldBe("Everyone");
    }

    [Fact]
    public void Stored_conditions_the_catalog_no_longer_knows_match_no_ticket()
    {
        var set = SlaPolicySet.From([Definition("Retired field", 0, """{"mood":{"eq":"angry"}}"""), Definition("Everyone", 1, null)], Clock);
        MatchName(set, NewTicket()).ShouldBe("Everyone");
    }
}
