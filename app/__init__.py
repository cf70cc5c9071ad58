"""Entry points: `tessera` (the window) and `tessera-cli` (headless). Wiring only, no logic."""
