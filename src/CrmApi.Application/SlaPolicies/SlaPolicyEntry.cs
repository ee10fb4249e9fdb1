using CrmApi.Domain.Tickets;

namespace CrmApi.Application.SlaPolicies;

/// <summary>
/// One policy of a workspace as tickets use it: its conditions compiled to a predicate and its calendar and targets.
/// <see cref="Matches"/> reads <c>requester.*</c> and <c>company.*</c> through the ticket's navigations, so a ticket
/// tested on such conditions needs its requester and company loaded.
/// </summary>
public sealed record SlaPolicyEntry(Guid Id, string Name, int Position, bool IsDeleted, Func<Ticket, bool> Matches, SlaPolicy Policy);
