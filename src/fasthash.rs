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
            // The length keeps "ab" apart from "ab\0".
            self.add(tail(bytes) ^ ((bytes.len() as u64) << 59));
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

/// The 1 to 7 bytes of `bytes` as a little-endian number (zero above them), read as two
/// loads that may overlap rather than copied into a zeroed buffer: most keys are short words,
/// and that copy was a call to `memcpy` for each.
#[inline(always)]
fn tail(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    debug_assert!((1..8).contains(&n));
    if n >= 4 {
        let low = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        let high = u32::from_le_bytes([bytes[n - 4], bytes[n - 3], bytes[n - 2], bytes[n - 1]]);
        // The bytes both loads read are the same bytes in the same places.
        u64::from(low) | (u64::from(high) << (8 * (n - 4)))
    } else if n >= 2 {
        let low = u16::from_le_bytes([bytes[0], bytes[1]]);
        let high = u16::from_le_bytes([bytes[n - 2], bytes[n - 1]]);
        u64::from(low) | (u64::from(high) << (8 * (n - 2)))
    } else {
        u64::from(bytes[0])
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

    #[test]
    fn a_tail_is_its_bytes_zero_padded() {
        let bytes = [0x81, 0x02, 0xf3, 0x04, 0x95, 0x06, 0xa7];
        for n in 1..8 {
            let mut padded = [0u8; 8];
            padded[..n].copy_from_slice(&bytes[..n]);
            assert_eq!(tail(&bytes[..n]), u64::from_le_bytes(padded), "{n} bytes");
        }
    }
}
