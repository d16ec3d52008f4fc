//! Real-world formats and layouts (SPEC §3) on committed fixtures; being written.
