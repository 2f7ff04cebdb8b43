namespace Squadra.Web.Components;

/// <summary>A form model that checks its own fields, so one <see cref="FormRules"/> serves every form.</summary>
public interface IFormModel
{
    /// <summary>The model's property names, which are the API's field names in PascalCase.</summary>
    IReadOnlyCollection<string> FieldNames { get; }

    string? ErrorFor(string fieldName);
}
