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

/// The number that starts at `bytes[*at]`, moving `at` past it; `None` if the bytes end first
/// or it runs past 64 bits (damaged data, for the caller to report).
#[allow(dead_code)] // build.rs includes this file and only writes
pub fn read(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut n = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        n |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Some(n);
        }
    }
    None
}

/// The inverse of [`put_signed`]'s zigzag mapping.
#[allow(dead_code)] // build.rs includes this file and only writes
pub fn unzigzag(n: u64) -> i64 {
    (n >> 1) as i64 ^ -((n & 1) as i64)
}
