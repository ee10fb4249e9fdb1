using CrmApi.Application.Common;
using CrmApi.Application.CustomFields;
using CrmApi.Application.Events;

namespace CrmApi.Application.Records;

/// <summary>What every record type's use cases work with, injected as one.</summary>
public sealed record RecordServices(
    ICrmDbContext Db, WorkspaceContext Workspace, EventRecorder Events, FieldHistory History, CustomFieldSet CustomFields, TimeProvider Clock);
