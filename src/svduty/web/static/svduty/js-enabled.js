// Marks the page as script-capable before GOV.UK Frontend initialises (kept external for the CSP).
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
