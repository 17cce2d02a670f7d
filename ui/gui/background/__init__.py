"""Work off the UI thread: tasks, the operations they run, memory hand-back."""
