//! A fast hasher for the string-keyed maps that recognition queries for every word.
//!
//! The standard `RandomState` (SipHash) is built to resist hash flooding by whoever chooses
//! the keys. Here the keys are the program's own (gazetteer names, word lists), text only
//! ever looks them up, and the hash of a short word dominated the cost of those lookups.
//! This is the multiply-rotate hash of the Rust compiler's `FxHasher`, a few lines, so the
//! core (which also ships as WebAssembly) takes no dependency for it. Maps keep no promise of
//! iteration order either way: nothing may depend on it.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

#[derive(Clone, Copy, Default)]
pub struct FastHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, mut bytes: &[u8]) {
        while let Some((eight, rest)) = bytes.split_first_chunk::<8>() {
            self.add(u64::from_le_bytes(*eight));
            bytes = rest;
        }
        if !bytes.is_empty() {
            let mut last = [0u8; 8];
            last[..bytes.len()].copy_from_slice(bytes);
            // The length keeps "ab" apart from "ab\0".
            self.add(u64::from_le_bytes(last) ^ ((bytes.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        // The multiply leaves its best bits at the top; the table indexes by the low ones.
        self.hash.rotate_left(26)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_differ_from_their_neighbours() {
        let hash = |s: &str| {
            let mut h = FastHasher::default();
            std::hash::Hash::hash(s, &mut h);
            h.finish()
        };
        let words = [
            "",
            "a",
            "b",
            "ab",
            "ba",
            "ab\0",
            "kursk",
            "kursk region",
            "kursk regiom",
            "moscow",
            "moscow.",
        ];
        let hashes: HashSet<u64> = words.iter().map(|w| hash(w)).collect();
        assert_eq!(hashes.len(), words.len());
    }
}
