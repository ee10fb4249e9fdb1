namespace CrmApi.Domain.Activities;

public enum TaskStatus
{
    Open,
    Done,
}
