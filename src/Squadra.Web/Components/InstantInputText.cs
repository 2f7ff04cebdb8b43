using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Rendering;

namespace Squadra.Web.Components;

/// <summary>
/// An <see cref="InputText"/> that takes the value at each keystroke (<c>input</c>), not only when the field is left
/// (<c>change</c>). The form then knows a field was fixed while the person types, so nothing changes when they leave it:
/// a message that went away on blur moved the submit button under a pointer that was pressing it (issue 22).
/// </summary>
public sealed class InstantInputText : InputText
{
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "input");
        builder.AddMultipleAttributes(1, AdditionalAttributes);
        if (!string.IsNullOrEmpty(NameAttributeValue))
            builder.AddAttribute(2, "name", NameAttributeValue);
        if (!string.IsNullOrEmpty(CssClass))
            builder.AddAttribute(3, "class", CssClass);
        builder.AddAttribute(4, "value", CurrentValueAsString);
        builder.AddAttribute(5, "oninput", EventCallback.Factory.CreateBinder<string?>(this, value => CurrentValueAsString = value, CurrentValueAsString));
        // Still bound to change too: autofill and tests that only send "change" set the value the same way (a repeat of
        // the same value changes nothing).
        builder.AddAttribute(6, "onchange", EventCallback.Factory.CreateBinder<string?>(this, value => CurrentValueAsString = value, CurrentValueAsString));
        builder.SetUpdatesAttributeName("value");
        builder.AddElementReferenceCapture(7, element => Element = element);
        builder.CloseElement();
    }
}
