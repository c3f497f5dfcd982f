//! Place labels: where each name fits beside its mark without covering another name, another
//! mark, the zoom buttons or the overview inset.
//!
//! The placer works in the map's own units (the SVG `viewBox`), but the page draws the map at
//! whatever size its column allows: about 0.74 CSS px per unit on a 390-px phone, 0.45 to 1.5 on
//! a desktop. Text and buttons are sized for the reader's screen, not the map, so [`Screen`]
//! carries that scale and converts both into map units: a font fixed in map units read at 9.6 px
//! on a phone, and the placer did not know the buttons were there at all.

/// Labels' size on screen, in CSS pixels, whatever the map's scale: legible on a phone and
/// small enough that the Kursk cluster keeps most of its names.
pub const LABEL_PX: f64 = 12.0;

/// The text's halo (`stroke-width` of `.map text.name` in style.css), in ems: it is painted, so
/// it takes room.
pub const HALO_EM: f64 = 0.24;

/// The zoom buttons' corner as style.css draws them at the default root font size, in CSS
/// pixels from the map's top-right corner: .5rem inset, then a column of three 2.75rem buttons
/// with .25rem gaps, a few pixels wider than 2.75rem where "Reset" is set in a wide font.
pub const CONTROLS_PX: [f64; 2] = [8.0 + 48.0, 8.0 + 3.0 * 44.0 + 2.0 * 4.0];

/// How the page draws the map: what the placer needs to know about the reader's screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Screen {
    /// CSS pixels per map unit.
    pub scale: f64,
    /// The zoom buttons' box in map units (x0, y0, x1, y1): no label goes there.
    pub controls: [f64; 4],
}

impl Screen {
    /// A map of `size` drawn `css_width` CSS pixels wide, with the zoom buttons where
    /// style.css puts them: what the view assumes until it has measured the page.
    pub fn nominal(size: [f64; 2], css_width: f64) -> Screen {
        let scale = if css_width > 0.0 && css_width.is_finite() {
            css_width / size[0]
        } else {
            1.0
        };
        Screen {
            scale,
            controls: [
                size[0] - CONTROLS_PX[0] / scale,
                0.0,
                size[0],
                CONTROLS_PX[1] / scale,
            ],
        }
    }

    /// The label font size in map units, so that it reads [`LABEL_PX`] on screen.
    pub fn font(&self) -> f64 {
        LABEL_PX / self.scale
    }
}

/// A label to place: its anchor (the mark's centre on screen), the mark's radius, the text and
/// a rank (lower goes first).
#[derive(Clone, Debug, PartialEq)]
pub struct LabelRequest {
    pub x: f64,
    pub y: f64,
    pub r: f64,
    pub text: String,
    pub rank: usize,
}

/// Where a label goes: its text's anchor point (SVG `x`, `y` with `text-anchor`) and the box
/// its glyphs and halo can cover.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelPlacement {
    pub x: f64,
    pub y: f64,
    /// "start", "end" or "middle".
    pub anchor: &'static str,
    /// x0, y0, x1, y1.
    pub bounds: [f64; 4],
}

/// Above the baseline: ascenders and capitals (0.73–0.76 em in common UI fonts).
const ASCENT_EM: f64 = 0.78;
/// Below the baseline: descenders.
const DESCENT_EM: f64 = 0.24;
/// Where the baseline goes below a mark's centre for a label beside it, so the lowercase letters
/// sit level with the mark.
const BESIDE_BASELINE_EM: f64 = 0.35;

/// Places labels greedily by rank, trying right, left, above, below each mark and then its
/// diagonals, and drops a
/// label that would overlap another label, another mark or an `occupied` box, or leave `frame`
/// (its name still shows on hover and focus). `font` is the font size in the same units as the
/// rest.
pub fn place_labels(
    requests: &[LabelRequest],
    font: f64,
    frame: [f64; 4],
    occupied: &[[f64; 4]],
) -> Vec<Option<LabelPlacement>> {
    let order = crate::order::positions(requests.len(), &|a, b| {
        requests[a].rank.cmp(&requests[b].rank)
    });
    let marks: Vec<[f64; 4]> = requests
        .iter()
        .map(|q| [q.x - q.r, q.y - q.r, q.x + q.r, q.y + q.r])
        .collect();
    let mut taken: Vec<[f64; 4]> = Vec::new();
    let mut out = vec![None; requests.len()];
    let pad = font * HALO_EM / 2.0;
    // A box from the text's horizontal extent and its baseline, halo included.
    let boxed = |x0: f64, x1: f64, baseline: f64| {
        [
            x0 - pad,
            baseline - ASCENT_EM * font - pad,
            x1 + pad,
            baseline + DESCENT_EM * font + pad,
        ]
    };
    for i in order {
        let q = &requests[i];
        let w = text_width(&q.text, font);
        // Clear of the mark by more than the halo, so the mark's edge stays visible.
        let gap = q.r + 0.25 * font;
        let beside = q.y + BESIDE_BASELINE_EM * font;
        let above = q.y - gap - DESCENT_EM * font;
        let below = q.y + gap + ASCENT_EM * font;
        // The diagonals, off the mark's corner, for crowded places such as Sudzha between the
        // Kursk Oblast and Sumy names.
        let d = gap * std::f64::consts::FRAC_1_SQRT_2;
        let (high, low) = (q.y - d - DESCENT_EM * font, q.y + d + ASCENT_EM * font);
        // Centred labels use "middle" so a name narrower than its estimate stays centred.
        let candidates = [
            (
                q.x + gap,
                beside,
                "start",
                boxed(q.x + gap, q.x + gap + w, beside),
            ),
            (
                q.x - gap,
                beside,
                "end",
                boxed(q.x - gap - w, q.x - gap, beside),
            ),
            (
                q.x,
                above,
                "middle",
                boxed(q.x - w / 2.0, q.x + w / 2.0, above),
            ),
            (
                q.x,
                below,
                "middle",
                boxed(q.x - w / 2.0, q.x + w / 2.0, below),
            ),
            (q.x + d, high, "start", boxed(q.x + d, q.x + d + w, high)),
            (q.x + d, low, "start", boxed(q.x + d, q.x + d + w, low)),
            (q.x - d, high, "end", boxed(q.x - d - w, q.x - d, high)),
            (q.x - d, low, "end", boxed(q.x - d - w, q.x - d, low)),
        ];
        let fits = |b: &[f64; 4]| {
            b[0] >= frame[0]
                && b[1] >= frame[1]
                && b[2] <= frame[2]
                && b[3] <= frame[3]
                && !taken.iter().chain(occupied).any(|t| overlaps(t, b))
                && !marks
                    .iter()
                    .enumerate()
                    .any(|(j, m)| j != i && overlaps(m, b))
        };
        if let Some((x, y, anchor, bounds)) = candidates.into_iter().find(|c| fits(&c.3)) {
            taken.push(bounds);
            out[i] = Some(LabelPlacement {
                x,
                y,
                anchor,
                bounds,
            });
        }
    }
    out
}

/// The text's advance width at `font`, as wide as DejaVu Sans Bold sets it: the widest of the
/// fonts `system-ui` commonly falls back to, and bold because a label turns bold in place on
/// hover and focus. A flat 0.58 em a letter fell short by a tenth on "Sudzha" and a fifth on
/// "Sumy", enough for neighbours to run into each other.
pub fn text_width(text: &str, font: f64) -> f64 {
    text.chars().map(|c| char_em(c) * font).sum()
}

/// DejaVu Sans Bold advances of printable ASCII, in hundredths of an em, rounded up.
const ASCII_EM100: [u8; 95] = [
    35, 46, 53, 84, 70, 101, 88, 31, 46, 46, 53, 84, 38, 42, 38, 37, 70, 70, 70, 70, 70, 70, 70,
    70, 70, 70, 40, 40, 84, 84, 84, 59, 100, 78, 77, 74, 84, 69, 69, 83, 84, 38, 38, 78, 64, 100,
    84, 86, 74, 86, 78, 73, 69, 82, 78, 111, 78, 73, 73, 46, 37, 46, 84, 50, 50, 68, 72, 60, 72,
    68, 44, 72, 72, 35, 35, 67, 35, 105, 72, 69, 72, 72, 50, 60, 48, 72, 66, 93, 65, 66, 59, 72,
    37, 72, 84,
];

fn char_em(c: char) -> f64 {
    match u32::from(c)
        .checked_sub(0x20)
        .and_then(|i| ASCII_EM100.get(i as usize))
    {
        Some(&w) => f64::from(w) / 100.0,
        // Accented Latin letters are as wide as their base letter; this covers the wide ones.
        None => 0.8,
    }
}

/// Whether two boxes (x0, y0, x1, y1) share any area.
pub fn overlaps(a: &[f64; 4], b: &[f64; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_cover_a_wide_bold_font() {
        // DejaVu Sans Bold: "Sumy" 3.13 em, "Moscow" 4.48 em, "Kyiv" 2.42 em.
        for (text, em) in [("Sumy", 3.13), ("Moscow", 4.48), ("Kyiv", 2.42)] {
            assert!(text_width(text, 10.0) >= em * 10.0, "{text}");
        }
    }

    #[test]
    fn the_font_reads_the_same_on_any_screen() {
        let phone = Screen::nominal([480.0, 600.0], 356.0);
        assert!((phone.font() * phone.scale - LABEL_PX).abs() < 1e-9);
        // The buttons take more of the map where it is drawn smaller.
        let desktop = Screen::nominal([480.0, 600.0], 960.0);
        assert!(phone.controls[0] < desktop.controls[0] && phone.controls[3] > desktop.controls[3]);
    }

    #[test]
    fn occupied_boxes_take_no_label() {
        let q = LabelRequest {
            x: 100.0,
            y: 100.0,
            r: 5.0,
            text: "Rostov".into(),
            rank: 0,
        };
        let free = place_labels(
            std::slice::from_ref(&q),
            12.0,
            [0.0, 0.0, 400.0, 400.0],
            &[],
        );
        let right = free[0].as_ref().expect("room on the right").bounds;
        let placed = place_labels(&[q], 12.0, [0.0, 0.0, 400.0, 400.0], &[right]);
        let moved = placed[0].as_ref().expect("room on the left").bounds;
        assert!(!overlaps(&moved, &right));
    }
}
