"""What every app of the web package shares: access rules and roles, view mixins, shared views and
forms, periods, the navigation registry and the scoped admin site. Imports no app's models."""
