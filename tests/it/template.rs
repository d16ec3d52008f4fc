//! Template round trips (SPEC §7). Being written.
