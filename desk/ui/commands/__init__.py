"""Every change to a blog as a QUndoCommand on the window's one undo stack: structural
steps, typing, merges and conflict settling, marking published."""
