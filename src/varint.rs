//! LEB128 varints as the compact data files write them (`gazetteer.bin`, the binary base map).
//! build.rs includes this very file (`#[path]`), so the files it writes and the gazetteer's
//! writer share one encoding.

/// `n` in 7-bit groups, low first, the high bit set on all but the last.
pub fn put(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// A signed number, zigzag-mapped (0, -1, 1, -2, … → 0, 1, 2, 3, …) so small ones stay short.
pub fn put_signed(out: &mut Vec<u8>, n: i64) {
    put(out, ((n << 1) ^ (n >> 63)) as u64);
}
