namespace Squadra.Contracts.Teams;

public static class TeamRules
{
    public const int NameMaxLength = 80;
    public const int DescriptionMaxLength = 1000;

    public static string? NameError(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "Name is required."
        : name.Trim().Length > NameMaxLength ? $"Name must be 1-{NameMaxLength} characters."
        : TextRules.Error(name, "Name");

    public static string? DescriptionError(string? description) =>
        description is not null && description.Trim().Length > DescriptionMaxLength
            ? $"Description must be at most {DescriptionMaxLength} characters."
            : TextRules.Error(description, "Description", multiline: true);
}
