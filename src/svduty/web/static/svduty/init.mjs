// Initialise every GOV.UK Frontend component on the page.
import { initAll } from "../govuk-frontend/govuk-frontend.min.js";

initAll();
