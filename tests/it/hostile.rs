//! Hostile input corpus (issue 9). Being written.
