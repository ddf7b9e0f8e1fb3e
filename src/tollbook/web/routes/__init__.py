"""The app's routes, one module per page family; `api` holds the JSON twins."""
