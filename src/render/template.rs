//! Fill-in templates for the units (SPEC §7). Being written.
