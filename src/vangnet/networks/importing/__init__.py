"""The attendance import: `reading` (the file to rows), `checking` (validation of every row,
nothing written), `writing` (one transaction), with its form, views and URLs. Used by the
page and by `vangnet import_attendance`."""
