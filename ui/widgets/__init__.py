"""Reusable widgets of the window: the summary per kind and the side-by-side comparison."""
