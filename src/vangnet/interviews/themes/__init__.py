"""Thematic coding of agreed interview reports: the organisation's code list, coded passages
and the pseudonymised thematic report (`selectors`, `services`, `forms`, `views`)."""
