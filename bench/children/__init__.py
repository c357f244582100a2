"""Code that runs only in the bench's measured child processes (it imports torch and the worker's models)."""
