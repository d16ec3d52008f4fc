//! Sort keys made of small integer fields: each field gets the bits its largest value needs,
//! and the fields are packed most significant first, so comparing the integers compares the
//! fields in order (a `u64` when they fit, else a `u128`: `N` ≤ 4 fields of ≤ 32 bits).

/// An unsigned integer that holds packed fields.
pub trait Key: Copy + Ord {
    /// `fields` packed, `fields[0]` most significant; each below `2^widths[j]`.
    fn pack(fields: &[u32], widths: &[u32]) -> Self;
}

impl Key for u64 {
    fn pack(fields: &[u32], widths: &[u32]) -> Self {
        fields.iter().zip(widths).fold(0, |k, (&v, &w)| (k << w) | u64::from(v))
    }
}

impl Key for u128 {
    fn pack(fields: &[u32], widths: &[u32]) -> Self {
        fields.iter().zip(widths).fold(0, |k, (&v, &w)| (k << w) | u128::from(v))
    }
}

/// The bits each column needs: that of its largest value.
pub fn widths<const N: usize>(rows: &[[u32; N]]) -> [u32; N] {
    let mut max = [0u32; N];
    for r in rows {
        for (m, &v) in max.iter_mut().zip(r) {
            *m = (*m).max(v);
        }
    }
    max.map(|m| u32::BITS - m.leading_zeros())
}
