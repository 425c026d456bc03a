"""Tests of the server-rendered HTML pages."""
