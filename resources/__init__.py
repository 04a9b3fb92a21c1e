"""Desk's resources (sample blog, style sheet, icons, desktop files), installed as the
package desk.resources and read with importlib.resources."""
