using System.Text.RegularExpressions;
using CrmApi.Application.Common;
using CrmApi.Application.Common.Validation;
using CrmApi.Domain.Pipelines;

namespace CrmApi.Application.Pipelines;

public static partial class PipelineValidator
{
    public static Result<PipelineSpec> Validate(PipelineInput input)
    {
        var errors = new List<Error>();
        var name = Rules.RequiredText(errors, "name", input.Name, Rules.NameMax);
        if (input.ObjectType is not { } type)
        {
            errors.Add(Error.Validation("objectType", "'objectType' is required: deal or ticket."));
            return Result<PipelineSpec>.Fail(errors);
        }
        var stages = Stages(errors, type, input.Stages);
        return errors.Count > 0 ? Result<PipelineSpec>.Fail(errors) : new PipelineSpec(name, type, input.IsDefault ?? false, stages);
    }

    /// <summary>
    /// The stages in their order: by <c>position</c> when every stage gives one (each different), else as listed.
    /// Keys are unique.
    /// </summary>
    private static List<StageDetails> Stages(List<Error> errors, PipelineObjectType type, List<StageInput?>? inputs)
    {
        if (inputs is not { Count: > 0 })
        {
            errors.Add(Error.Validation("stages", "A pipeline needs at least one stage."));
            return [];
        }
        if (inputs.Count > Pipeline.StagesMax) errors.Add(Error.Validation("stages", $"A pipeline has at most {Pipeline.StagesMax} stages."));
        var positioned = inputs.Count(s => s?.Position is not null);
        if (positioned > 0 && positioned < inputs.Count)
            errors.Add(Error.Validation("stages", "Give 'position' for every stage or for none (then the list order is used)."));

        var stages = new List<(StageDetails Stage, int Order)>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var field = $"stages[{i}]";
            if (inputs[i] is not { } input)
            {
                errors.Add(Error.Validation(field, "A stage cannot be null."));
                continue;
            }
            var stage = Stage(errors, field, type, input);
            if (stage is null) continue;
            if (stages.Any(s => s.Stage.Key == stage.Key))
                errors.Add(Error.Validation($"{field}.key", $"The key '{stage.Key}' appears twice; stage keys are unique in a pipeline."));
            else if (input.Position is { } p && stages.Any(s => s.Order == p))
                errors.Add(Error.Validation($"{field}.position", $"Two stages have position {p}."));
            else stages.Add((stage, input.Position ?? i));
        }
        return [.. stages.OrderBy(s => s.Order).Select(s => s.Stage)];
    }

    /// <summary>One stage of a pipeline of <paramref name="type"/>; null when it is not valid.</summary>
    public static StageDetails? Stage(List<Error> errors, string field, PipelineObjectType type, StageInput input)
    {
        var count = errors.Count;
        var prefix = field.Length == 0 ? "" : field + ".";
        var key = input.Key?.Trim();
        if (key is null || !KeyPattern().IsMatch(key))
            errors.Add(Error.Validation($"{prefix}key", "'key' is required: a lower-case letter, then letters, digits or '_' (up to 50)."));
        var label = Rules.RequiredText(errors, $"{prefix}label", input.Label, Rules.NameMax);
        if (input.Position is < 0) errors.Add(Error.Validation($"{prefix}position", "'position' cannot be negative."));

        decimal? probability = null;
        if (type == PipelineObjectType.Deal)
        {
            if (input.State is not null) errors.Add(Error.Validation($"{prefix}state", "'state' applies to ticket stages, not deal stages."));
            var category = input.Category ?? StageCategory.Open;
            probability = input.Probability ?? category switch
            {
                StageCategory.Won => 1m,
                StageCategory.Lost => 0m,
                _ => null,
            };
            if (probability is null)
                errors.Add(Error.Validation($"{prefix}probability", "An open deal stage needs a 'probability' between 0 and 1."));
            else if (probability is < 0m or > 1m || !Rules.IsStorableDecimal(probability.Value))
                errors.Add(Error.Validation($"{prefix}probability", "'probability' must be between 0 and 1, with at most 4 decimal places."));
            return errors.Count > count ? null : new StageDetails(key!, label, probability, category, null);
        }

        if (input.Probability is not null) errors.Add(Error.Validation($"{prefix}probability", "'probability' applies to deal stages, not ticket stages."));
        if (input.Category is not null) errors.Add(Error.Validation($"{prefix}category", "'category' applies to deal stages, not ticket stages."));
        if (input.State is null) errors.Add(Error.Validation($"{prefix}state", "A ticket stage needs a 'state': new, open, pending, solved or closed."));
        return errors.Count > count ? null : new StageDetails(key!, label, null, null, input.State);
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,49}$")]
    private static partial Regex KeyPattern();
}
