//! Numbers as text, byte for byte as `format!` writes them, without core's float formatting.
//!
//! `format!("{:.1}", x)` and `format!("{x}")` on an `f64` bring core's `flt2dec` (Grisu with a
//! Dragon4 fallback over a 1280-bit bignum, and their tables) into the page: about 8 kB gzip
//! of the main WebAssembly for a few coordinates in SVG attributes. [`Fixed`] rounds exactly
//! with integer arithmetic instead, and [`Plain`] takes the shortest digits from `zmij`, which
//! the page carries anyway (`crate::json_pretty` writes the GeoJSON download's floats with
//! it). Both agree with `format!` on every `f64`, sign of zero, infinities and NaN included
//! (the tests compare them).

use std::fmt;

/// `format!("{:.N}", value)` with `N` = `places`: the value rounded half to even at that
/// decimal, exactly (from its binary value, not from a product that may itself round).
#[derive(Clone, Copy, Debug)]
pub struct Fixed(pub f64, pub u8);

/// `format!("{}", value)`: the fewest digits that read back as the same `f64`, never in
/// exponent form.
#[derive(Clone, Copy, Debug)]
pub struct Plain(pub f64);

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Fixed(value, places) = *self;
        if value.is_nan() {
            return f.write_str("NaN");
        }
        if value.is_sign_negative() {
            f.write_str("-")?;
        }
        if value.is_infinite() {
            return f.write_str("inf");
        }
        let digits = scaled(value, u32::from(places)).0;
        let places = usize::from(places);
        // At least one digit before the point.
        let padded = format!("{digits:0>width$}", width = places + 1);
        let (whole, decimals) = padded.split_at(padded.len() - places);
        f.write_str(whole)?;
        if places > 0 {
            f.write_str(".")?;
            f.write_str(decimals)?;
        }
        Ok(())
    }
}

impl fmt::Display for Plain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some((negative, digits, point)) = shortest(self.0) else {
            return f.write_str(zmij::Buffer::new().format(self.0));
        };
        if negative {
            f.write_str("-")?;
        }
        if digits.is_empty() {
            return f.write_str("0");
        }
        if point <= 0 {
            f.write_str("0.")?;
            for _ in point..0 {
                f.write_str("0")?;
            }
            f.write_str(&digits)
        } else if point as usize >= digits.len() {
            f.write_str(&digits)?;
            for _ in digits.len()..point as usize {
                f.write_str("0")?;
            }
            Ok(())
        } else {
            let (a, b) = digits.split_at(point as usize);
            f.write_str(a)?;
            f.write_str(".")?;
            f.write_str(b)
        }
    }
}

/// The shortest digits that read back as `value` (zmij's, but a tie goes up, as std's do),
/// with no leading or trailing zeros, and where the point goes: value = ±0.DIGITS · 10^point.
/// `None` for NaN and the infinities.
fn shortest(value: f64) -> Option<(bool, String, i32)> {
    if !value.is_finite() {
        return None;
    }
    // zmij writes "-12.5", "960.0", "0.001234" or "1.234e+33": read off its digits and
    // decimal exponent.
    let mut buffer = zmij::Buffer::new();
    let text = buffer.format_finite(value);
    let (unsigned, negative) = match text.strip_prefix('-') {
        Some(rest) => (rest, true),
        None => (text, false),
    };
    let (mantissa, exp) = match unsigned.split_once('e') {
        Some((m, e)) => (m, e.trim_start_matches('+').parse::<i32>().unwrap_or(0)),
        None => (unsigned, 0),
    };
    let (whole, decimals) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all = format!("{whole}{decimals}");
    let leading = all.len() - all.trim_start_matches('0').len();
    let mut digits = all.trim_matches('0').to_owned();
    let point = whole.len() as i32 + exp - leading as i32;
    // When the value lies exactly halfway between the two closest candidates of the fewest
    // digits, zmij takes the even one and std the upper: DIGITS then a 5 is the value.
    if digits.ends_with(['2', '4', '6', '8']) {
        let places = digits.len() as i32 + 1 - point;
        let (exact_digits, exact) = scaled(value, places.max(0) as u32);
        let tie = format!("{digits}5{}", "0".repeat((-places).max(0) as usize));
        if exact && exact_digits == tie {
            let last = digits.pop().map_or(b'0', |c| c as u8);
            digits.push(char::from(last + 1));
        }
    }
    Some((negative, digits, point))
}

/// The decimal digits of |value| · 10^places rounded half to even to a whole number, and
/// whether that was exact (nothing to round).
fn scaled(value: f64, places: u32) -> (String, bool) {
    // |value| = mantissa · 2^exponent, exactly.
    let bits = value.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, exponent) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, biased - 1075)
    };
    let mut n = Big::from(mantissa);
    for _ in 0..places {
        n.mul_add(10, 0);
    }
    let mut exact = true;
    if exponent >= 0 {
        for _ in 0..exponent {
            n.mul_add(2, 0);
        }
    } else {
        exact = n.shr_round_even(exponent.unsigned_abs());
    }
    (n.decimal(), exact)
}

/// An unsigned whole number of up to 32 × 64 bits (an `f64` times 10^places, for up to 255 places, or 10^325 for a subnormal's tie test, fits), least
/// significant limb first.
struct Big {
    limbs: [u32; 64],
    len: usize,
}

impl From<u64> for Big {
    fn from(v: u64) -> Big {
        let mut big = Big {
            limbs: [0; 64],
            len: 2,
        };
        big.limbs[0] = v as u32;
        big.limbs[1] = (v >> 32) as u32;
        big.trim();
        big
    }
}

impl Big {
    fn trim(&mut self) {
        while self.len > 0 && self.limbs[self.len - 1] == 0 {
            self.len -= 1;
        }
    }

    /// self = self · factor + carry
    fn mul_add(&mut self, factor: u32, mut carry: u32) {
        for limb in &mut self.limbs[..self.len] {
            let v = u64::from(*limb) * u64::from(factor) + u64::from(carry);
            *limb = v as u32;
            carry = (v >> 32) as u32;
        }
        if carry != 0 {
            self.limbs[self.len] = carry;
            self.len += 1;
        }
    }

    fn bit(&self, i: u32) -> bool {
        let word = (i / 32) as usize;
        word < self.len && self.limbs[word] >> (i % 32) & 1 == 1
    }

    /// self = self / 2^shift, rounded half to even; whether nothing was lost.
    fn shr_round_even(&mut self, shift: u32) -> bool {
        let half = self.bit(shift - 1);
        let below_half = (0..shift - 1).any(|i| self.bit(i));
        let (words, bits) = ((shift / 32) as usize, shift % 32);
        let mut out = Big {
            limbs: [0; 64],
            len: self.len.saturating_sub(words),
        };
        for i in 0..out.len {
            let lo = u64::from(self.limbs[i + words]);
            let hi = self.limbs.get(i + words + 1).map_or(0, |&v| u64::from(v));
            out.limbs[i] = ((hi << 32 | lo) >> bits) as u32;
        }
        out.trim();
        if half && (below_half || out.bit(0)) {
            out.mul_add(1, 1);
        }
        *self = out;
        !half && !below_half
    }

    /// Divides by `divisor`, returning the remainder.
    fn div_rem(&mut self, divisor: u32) -> u32 {
        let mut rem = 0u64;
        for limb in self.limbs[..self.len].iter_mut().rev() {
            let v = rem << 32 | u64::from(*limb);
            *limb = (v / u64::from(divisor)) as u32;
            rem = v % u64::from(divisor);
        }
        self.trim();
        rem as u32
    }

    /// The decimal digits, "0" for zero.
    fn decimal(mut self) -> String {
        let mut digits = Vec::new();
        loop {
            digits.push(b'0' + self.div_rem(10) as u8);
            if self.len == 0 {
                break;
            }
        }
        digits.reverse();
        String::from_utf8(digits).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values that try the edges: ties at each decimal, whole numbers, tiny and huge ones,
    /// subnormals, and a sweep of bit patterns.
    fn samples() -> Vec<f64> {
        let mut out = vec![
            0.0,
            -0.0,
            0.05,
            0.15,
            0.25,
            0.35,
            -0.25,
            2.5,
            1.5,
            0.5,
            -0.5,
            2.675,
            1e21,
            1e22,
            123456789012345680.0,
            1e-7,
            5e-324,
            -5e-324,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            f64::EPSILON,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            960.0,
            681.2,
            960.0 - 10.0 - 268.8,
            0.1 + 0.2,
        ];
        for i in -20000..20000 {
            out.push(f64::from(i) / 8.0);
            out.push(f64::from(i) / 10.0);
            out.push(f64::from(i) / 1000.0);
            out.push(f64::from(i) * 0.3);
        }
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            out.push(f64::from_bits(state));
            // Few binary digits: the shortest digits can fall halfway between two candidates.
            let bits = (state >> 58) as u32 % 54 + 1;
            out.push(
                ((state >> 6) & ((1u64 << bits) - 1) | 1) as f64 / 2f64.powi((state % 64) as i32),
            );
            // Map-sized values, where the page's numbers are.
            out.push((state >> 11) as f64 / (1u64 << 53) as f64 * 4000.0 - 2000.0);
        }
        out
    }

    #[test]
    fn fixed_is_format_with_precision() {
        for v in samples() {
            for places in 0..=5u8 {
                assert_eq!(
                    Fixed(v, places).to_string(),
                    format!("{:.*}", usize::from(places), v),
                    "{v:e} to {places}"
                );
            }
        }
    }

    #[test]
    fn plain_is_format() {
        for v in samples() {
            assert_eq!(Plain(v).to_string(), format!("{v}"), "{v:e}");
        }
    }
}
