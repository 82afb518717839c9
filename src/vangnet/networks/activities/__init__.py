"""A network's activities: creating, changing from a date and ending them (`services`).
Their pages are in `networks.views`."""
