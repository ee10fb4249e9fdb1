using CrmApi.Application.Records;
using CrmApi.Domain.Activities;

namespace CrmApi.Application.Activities;

/// <summary>Activity use cases: the shared record ones (create, read, merge patch, delete, restore, lists, history).</summary>
public sealed class ActivityHandlers(RecordServices services)
    : RecordHandlers<Activity, ActivityInput, ActivityDetails, ActivityDto>(new ActivityDefinition(), services);
