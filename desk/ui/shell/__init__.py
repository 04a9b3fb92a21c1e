"""The shell: the main window's layout, the action table and menus, the status bar, window
state and start-up. The only package that places widgets and the only one that knows the
main window; features reach it through `desk.ui.door`."""
