"""Helpers the tests share: fake sound cards, a JACK server, audio checks, song strategies."""
