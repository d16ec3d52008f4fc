//! `output/YYYY-MM/manifest.json` (SPEC §6): the inputs, counts and outputs of one month's
//! report, and what the nightly run reads back to decide which months are up to date.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::ground::model::LedgerRow;

/// One input that contributed to a month's report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestInput {
    pub path: String,
    pub size: u64,
    pub sha256: String,
    pub sheets: Vec<ManifestSheet>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestSheet {
    pub sheet: String,
    pub kind: String,
    pub layout: String,
    pub read: u64,
    pub accepted: u64,
    pub rejected: u64,
    pub duplicates: u64,
    pub overridden: u64,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestOutput {
    pub file: String,
    pub size: u64,
    pub sha256: String,
}

/// `output/YYYY-MM/manifest.json`, written last: a month whose manifest is missing or
/// names other inputs is redone by the next nightly run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub tool_version: String,
    pub config_hash: String,
    pub month: String,
    pub generated_at: String,
    pub inputs: Vec<ManifestInput>,
    pub outputs: Vec<ManifestOutput>,
}

impl Manifest {
    pub fn path(output: &Path, month: &str) -> PathBuf {
        output.join(month).join("manifest.json")
    }

    pub fn load(output: &Path, month: &str) -> Option<Manifest> {
        let bytes = std::fs::read(Self::path(output, month)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Whether this manifest was made from exactly these inputs, by this tool and config.
    pub fn same_inputs(&self, version: &str, config_hash: &str, inputs: &[(String, String)]) -> bool {
        let mine: Vec<(String, String)> =
            self.inputs.iter().map(|i| (i.path.clone(), i.sha256.clone())).collect();
        self.tool_version == version && self.config_hash == config_hash && mine == inputs
    }
}

impl ManifestSheet {
    /// The manifest's copy of one ledger row.
    pub fn of(row: &LedgerRow) -> Self {
        ManifestSheet {
            sheet: row.sheet.clone(),
            kind: row.kind.clone(),
            layout: row.layout.clone(),
            read: row.read,
            accepted: row.accepted,
            rejected: row.rejected,
            duplicates: row.duplicates,
            overridden: row.overridden,
            note: row.note.clone(),
        }
    }
}
