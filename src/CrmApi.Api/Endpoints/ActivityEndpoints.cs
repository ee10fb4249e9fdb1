using CrmApi.Application.Activities;
using CrmApi.Domain.Activities;
using CrmApi.Domain.Workspaces;

namespace CrmApi.Api.Endpoints;

public static class ActivityEndpoints
{
    public static readonly RecordEndpoints.Names Names =
        new("Activity", "Activities", "activities", Scopes.ActivitiesRead, Scopes.ActivitiesWrite, ExternalIds: false);

    public static void MapActivityEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/activities").WithTags("Activities");
        group.MapRecordRoutes<Activity, ActivityInput, ActivityDetails, ActivityDto, ActivityHandlers>(Names);
        group.MapListRoutes<Activity, ActivityInput, ActivityDetails, ActivityDto, ActivityHandlers>(Names);
    }
}
