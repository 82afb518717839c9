"""The weekly session and its attendance: generating sessions from the activities' schedule,
the session screen (reads in `selectors`, the merge-safe save in `services`), its forms,
views and URLs. Models stay in `networks.models`."""
