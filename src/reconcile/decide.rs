//! Settling one kind of record: items with equal identity are one record, and the latest
//! by precedence (file rank, then position) wins; the others are duplicates (identical) or
//! overridden (different). Identities are packed into integer sort keys.

use crate::ground::model::{AttendanceRecord, EvaluationRecord, Provenance, RosterEntry};
use crate::ground::packing;

/// What became of one record.
#[derive(Copy, Clone, PartialEq, Eq)]
pub enum Fate {
    Accepted,
    Duplicate,
    Overridden,
}

/// What `decide` found: a fate per item, and for each item that lost, the winner's provenance.
pub struct Fates {
    pub fates: Vec<Fate>,
    /// (item, winner's provenance) for every item not accepted, by item.
    losers: Vec<(u32, Provenance)>,
}

impl Fates {
    /// The provenance of the record that beat item `i`, if one did.
    pub fn winner(&self, i: usize) -> Option<&Provenance> {
        if self.fates[i] == Fate::Accepted {
            return None;
        }
        let at = self.losers.binary_search_by_key(&(i as u32), |l| l.0).ok()?;
        Some(&self.losers[at].1)
    }
}

/// For each item: accepted, or a duplicate / overridden version of the winner. Items are
/// grouped by their identity `fields` (equal fields = the same record; dense integers, packed
/// into one sort key), and the latest by precedence — file `rank`, then position, i.e. index
/// — wins each group. The order of the groups does not matter: each item's fate depends only
/// on its own group.
pub fn decide<T: HasProv, const N: usize>(
    items: &[T],
    fields: Vec<[u32; N]>,
    rank: impl Fn(usize) -> u32,
    same: impl Fn(&T, &T) -> bool,
) -> Fates {
    let widths = packing::widths(&fields);
    if widths.iter().sum::<u32>() <= 64 {
        decide_with::<u64, T, N>(items, fields, &widths, rank, same)
    } else {
        decide_with::<u128, T, N>(items, fields, &widths, rank, same)
    }
}

fn decide_with<K: packing::Key, T: HasProv, const N: usize>(
    items: &[T],
    fields: Vec<[u32; N]>,
    widths: &[u32; N],
    rank: impl Fn(usize) -> u32,
    same: impl Fn(&T, &T) -> bool,
) -> Fates {
    let mut order: Vec<(K, u32, u32)> =
        fields.iter().enumerate().map(|(i, f)| (K::pack(f, widths), rank(i), i as u32)).collect();
    drop(fields);
    order.sort_unstable();
    let mut fates = vec![Fate::Accepted; items.len()];
    let mut losers = Vec::new();
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && order[end].0 == order[start].0 {
            end += 1;
        }
        // Sorted by precedence within the group: the last one wins.
        let winner = &items[order[end - 1].2 as usize];
        for &(_, _, i) in &order[start..end - 1] {
            let item = &items[i as usize];
            fates[i as usize] = if same(item, winner) { Fate::Duplicate } else { Fate::Overridden };
            losers.push((i, winner.prov().clone()));
        }
        start = end;
    }
    losers.sort_unstable_by_key(|l| l.0);
    Fates { fates, losers }
}

/// A record that knows where it was read.
pub trait HasProv {
    fn prov(&self) -> &Provenance;
}

impl HasProv for AttendanceRecord {
    fn prov(&self) -> &Provenance {
        &self.prov
    }
}

impl HasProv for RosterEntry {
    fn prov(&self) -> &Provenance {
        &self.prov
    }
}

impl HasProv for EvaluationRecord {
    fn prov(&self) -> &Provenance {
        &self.prov
    }
}

impl HasProv for crate::ground::model::ClockRecord {
    fn prov(&self) -> &Provenance {
        &self.prov
    }
}
