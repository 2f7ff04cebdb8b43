using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Squadra.Client;

namespace Squadra.Web.Components;

/// <summary>
/// Feeds an <see cref="EditForm"/> the model's own rules and the server's 400 <c>errors</c>, so each
/// <see cref="ValidationMessage{TValue}"/> shows both beside the field they are about.
/// </summary>
public sealed class FormRules : ComponentBase, IDisposable
{
    EditContext _context = default!;
    ValidationMessageStore _messages = default!;

    [CascadingParameter]
    public EditContext? EditContext { get; set; }

    /// <summary>
    /// The name of a field the person just edited: a page drops a message shown above the form that was about it
    /// (a taken username, wrong credentials), as this drops the messages beside the field.
    /// </summary>
    [Parameter]
    public EventCallback<string> FieldEdited { get; set; }

    IFormModel Model => (IFormModel)_context.Model;

    protected override void OnInitialized()
    {
        _context = EditContext ?? throw new InvalidOperationException($"{nameof(FormRules)} must be inside an EditForm.");
        _messages = new ValidationMessageStore(_context);
        _context.OnValidationRequested += ValidateAll;
        _context.OnFieldChanged += ValidateField;
    }

    /// <summary>Puts a problem's field errors beside their fields; returns what is left to show above the form.</summary>
    public string? Show(ApiProblem problem)
    {
        if (problem.Errors is not { Count: > 0 } errors)
            return problem.Message;

        var elsewhere = new List<string>();
        foreach (var (name, messages) in errors)
        {
            var field = ToPropertyName(name);
            if (Model.FieldNames.Contains(field))
                _messages.Add(new FieldIdentifier(_context.Model, field), messages);
            else
                elsewhere.AddRange(messages);
        }

        _context.NotifyValidationStateChanged();
        return elsewhere.Count > 0 ? string.Join(" ", elsewhere) : null;
    }

    void ValidateAll(object? sender, ValidationRequestedEventArgs e)
    {
        _messages.Clear();
        foreach (var field in Model.FieldNames)
            Check(field);
    }

    // Editing a field drops the server's message about it (it was about the old value) and follows the typing with the
    // field's own rule only while a message is shown: a message appears on submit, never on a keystroke or on leaving
    // the field, so the form does not grow under the pointer on its way to the button (issue 22).
    void ValidateField(object? sender, FieldChangedEventArgs e)
    {
        var field = e.FieldIdentifier;
        var shown = _messages[field].Any();
        _messages.Clear(field);
        if (shown)
            Check(field.FieldName);
        _context.NotifyValidationStateChanged();
        _ = FieldEdited.InvokeAsync(field.FieldName);
    }

    void Check(string field)
    {
        if (Model.ErrorFor(field) is { } error)
            _messages.Add(new FieldIdentifier(_context.Model, field), error);
    }

    // A nested field ("recurrence.count") is the model's flattened property (RecurrenceCount).
    static string ToPropertyName(string camelCase) =>
        string.Concat(camelCase.Split('.').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));

    public void Dispose()
    {
        _context.OnValidationRequested -= ValidateAll;
        _context.OnFieldChanged -= ValidateField;
    }
}
