//! A small seeded PRNG (SplitMix64) and a stable way to derive independent streams from labels.
//!
//! Every random decision of the generator draws from a stream derived from the seed and a few
//! labels (unit code, person index, month, purpose). That makes each file depend only on its own
//! labels: files can be written in any order or in parallel, and adding a unit, a month or more
//! staff never shifts the numbers drawn for another file.

/// SplitMix64: tiny, fast and good enough for sample data.
pub struct Rng(u64);

impl Rng {
    /// A stream for `seed` and `labels`. FNV-1a rather than std's `DefaultHasher`, whose
    /// algorithm is not guaranteed to stay the same across Rust versions.
    pub fn derive(seed: u64, labels: &[&str]) -> Self {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for label in labels {
            for &b in label.as_bytes().iter().chain(&[0xff]) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        let mut rng = Rng(seed ^ h.rotate_left(29));
        // Warm up so that nearby seeds do not give nearby first draws.
        rng.next_u64();
        rng
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`), by the multiply-high method (no modulo bias worth noting).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        debug_assert!(lo <= hi);
        lo + self.below((hi - lo) as u64 + 1) as i64
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// Fisher–Yates.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }
}
