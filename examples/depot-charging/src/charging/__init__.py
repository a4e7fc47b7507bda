"""Depot Charging: charging sessions and energy tariffs for an electric bus and truck depot."""
