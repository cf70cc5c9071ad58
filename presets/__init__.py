"""Tessera's presets as data: `ensembles.toml` (the bands and ensembles a new song starts
from), `styles.toml` (each style's progressions, form and beat) and `beats.toml` (the hits a
beat keeps). The engine reads them (`engine.compose.preset_files`); there is no code here. This file
only lets the folder travel with the engine when Tessera is installed as a package."""
