//! Hand-drawn marks for the sample pièces: signature scribbles and the AR's barcode.
//!
//! Everything comes from a seed string through a small integer PRNG and plain arithmetic (no
//! trigonometry, no clock), so the same name always draws the same signature on every machine.

use serde_json::{Value, json};

/// SplitMix64, seeded with the FNV-1a hash of a text.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn seeded(text: &str) -> Self {
        Self(fnv1a(text))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn range(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.unit()
    }

    /// Uniform in 0..n.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}

pub fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

#[derive(Debug, Clone, Copy)]
struct P {
    x: f64,
    y: f64,
}

enum Stroke {
    Move(P),
    Cubic(P, P, P),
}

/// A signature about `width` pt wide, as Bézier strokes for `signature()` in `outils.typ`:
/// `{largeur, hauteur, traits: [{m: [x, y]} | {c: [x1, y1, x2, y2, x, y]}]}`, y downwards.
pub fn signature(seed: &str, width: f64) -> Value {
    let mut rng = Rng::seeded(seed);
    let mut strokes = Vec::new();
    let baseline = 0.0;
    // The initial: a tall loop opening the name.
    let start = P { x: rng.range(2.0, 6.0), y: baseline + rng.range(2.0, 5.0) };
    strokes.push(Stroke::Move(start));
    let top = P { x: start.x + rng.range(5.0, 9.0), y: baseline - rng.range(16.0, 22.0) };
    strokes.push(Stroke::Cubic(
        P { x: start.x - rng.range(4.0, 8.0), y: start.y - rng.range(6.0, 10.0) },
        P { x: top.x - rng.range(8.0, 12.0), y: top.y + rng.range(0.0, 3.0) },
        top,
    ));
    let mut at = P { x: top.x + rng.range(-1.0, 2.0), y: baseline + rng.range(3.0, 7.0) };
    strokes.push(Stroke::Cubic(
        P { x: top.x + rng.range(7.0, 11.0), y: top.y + rng.range(-2.0, 2.0) },
        P { x: at.x + rng.range(5.0, 9.0), y: at.y - rng.range(6.0, 10.0) },
        at,
    ));
    // The letters: up- and down-strokes along the baseline, loops where the tangent goes back.
    let letters = 5 + rng.below(4);
    for i in 0..letters {
        let tall = rng.unit() < 0.3;
        let descender = !tall && rng.unit() < 0.15;
        let step = rng.range(5.0, 9.0);
        let peak = P {
            x: at.x + step * rng.range(0.4, 0.8),
            y: baseline - if tall { rng.range(11.0, 16.0) } else { rng.range(4.0, 7.5) },
        };
        let back = rng.range(-0.9, 1.6);
        strokes.push(Stroke::Cubic(
            P { x: at.x + step * 0.5, y: at.y + rng.range(-1.0, 1.5) },
            P { x: peak.x + step * back, y: peak.y + rng.range(-1.0, 3.0) },
            peak,
        ));
        let low = P {
            x: peak.x + step * rng.range(0.3, 0.7),
            y: baseline + if descender { rng.range(8.0, 12.0) } else { rng.range(-0.5, 2.0) },
        };
        strokes.push(Stroke::Cubic(
            P { x: peak.x - step * back * 0.6, y: peak.y + rng.range(-2.0, 1.0) },
            P { x: low.x - step * rng.range(0.1, 0.6), y: low.y - rng.range(0.0, 3.0) },
            low,
        ));
        at = low;
        if i + 1 == letters {
            break;
        }
    }
    // The flourish: out to the right, then a long sweep back under the name.
    let out = P { x: at.x + rng.range(6.0, 12.0), y: baseline - rng.range(3.0, 8.0) };
    strokes.push(Stroke::Cubic(
        P { x: at.x + rng.range(2.0, 5.0), y: at.y + rng.range(0.0, 3.0) },
        P { x: out.x - rng.range(1.0, 3.0), y: out.y + rng.range(2.0, 4.0) },
        out,
    ));
    let end = P { x: start.x + rng.range(-4.0, 8.0), y: baseline + rng.range(7.0, 11.0) };
    strokes.push(Stroke::Cubic(
        P { x: out.x + rng.range(3.0, 8.0), y: out.y + rng.range(8.0, 14.0) },
        P { x: (out.x + end.x) / 2.0, y: end.y + rng.range(3.0, 7.0) },
        end,
    ));
    let tail = P { x: end.x - rng.range(3.0, 7.0), y: end.y - rng.range(1.0, 4.0) };
    strokes.push(Stroke::Cubic(
        P { x: end.x - rng.range(1.0, 2.0), y: end.y + rng.range(0.0, 1.5) },
        P { x: tail.x + rng.range(0.5, 2.0), y: tail.y + rng.range(0.5, 2.0) },
        tail,
    ));
    // Sometimes a dash or a dot over the name.
    if rng.unit() < 0.6 {
        let x = start.x + rng.range(10.0, 25.0);
        let y = baseline - rng.range(12.0, 18.0);
        strokes.push(Stroke::Move(P { x, y }));
        let to = P { x: x + rng.range(6.0, 12.0), y: y - rng.range(0.0, 2.5) };
        strokes.push(Stroke::Cubic(P { x: x + 2.0, y: y - 0.5 }, P { x: to.x - 2.0, y: to.y + 0.5 }, to));
    }
    fit(&strokes, width)
}

/// Scales and moves the strokes so their control box starts at (0, 0) and is `width` wide.
fn fit(strokes: &[Stroke], width: f64) -> Value {
    let points = strokes.iter().flat_map(|s| match s {
        Stroke::Move(p) => vec![*p],
        Stroke::Cubic(a, b, c) => vec![*a, *b, *c],
    });
    let (mut min_x, mut min_y, mut max_x, mut max_y) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for p in points {
        min_x = min_x.min(p.x);
        min_y = min_y.min(p.y);
        max_x = max_x.max(p.x);
        max_y = max_y.max(p.y);
    }
    let scale = width / (max_x - min_x).max(1.0);
    let t = |p: &P| [round2((p.x - min_x) * scale), round2((p.y - min_y) * scale)];
    let traits: Vec<Value> = strokes
        .iter()
        .map(|s| match s {
            Stroke::Move(p) => json!({ "m": t(p) }),
            Stroke::Cubic(a, b, c) => {
                let (a, b, c) = (t(a), t(b), t(c));
                json!({ "c": [a[0], a[1], b[0], b[1], c[0], c[1]] })
            }
        })
        .collect();
    json!({
        "largeur": round2(width),
        "hauteur": round2((max_y - min_y) * scale),
        "traits": traits,
    })
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// Bar and space widths (in modules, starting with a bar) of a barcode-looking pattern for
/// a tracking number: two guard bars, four elements per character, two guard bars.
pub fn barcode(text: &str) -> Vec<u8> {
    let mut widths = vec![2, 1, 1, 1];
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        let code = fnv1a(&c.to_string());
        for k in 0..4 {
            widths.push(1 + ((code >> (k * 2)) & 0b11) as u8 % 3);
        }
    }
    widths.extend([1, 1, 2, 1, 2]);
    widths
}
