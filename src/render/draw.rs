//! Backend-neutral drawing: what the layout engine and the charts produce,
//! and what the PDF and SVG writers consume.
//!
//! Coordinates are in points (1/72 inch) from the top-left corner, y
//! growing downwards, as on screen; the PDF backend flips them.

/// A colour as red, green, blue from 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    pub const fn hex(value: u32) -> Rgb {
        Rgb(
            ((value >> 16) & 0xff) as f32 / 255.0,
            ((value >> 8) & 0xff) as f32 / 255.0,
            (value & 0xff) as f32 / 255.0,
        )
    }

    /// `#rrggbb` for SVG.
    pub fn css(self) -> String {
        let c = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
        format!("#{:02x}{:02x}{:02x}", c(self.0), c(self.1), c(self.2))
    }
}

pub const BLACK: Rgb = Rgb::hex(0x1d1d1b);
pub const GREY: Rgb = Rgb::hex(0x6b6b6b);
pub const LIGHT_GREY: Rgb = Rgb::hex(0xd9d9d9);
pub const RULE_GREY: Rgb = Rgb::hex(0xbfbfbf);
pub const NAVY: Rgb = Rgb::hex(0x1f3a5f);
pub const BLUE: Rgb = Rgb::hex(0x2f6690);
pub const PALE_BLUE: Rgb = Rgb::hex(0xe8eef5);
pub const WHITE: Rgb = Rgb::hex(0xffffff);
/// Targets, milestones and the draft status.
pub const RED: Rgb = Rgb::hex(0xc0392b);

/// One font of the document's family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    Sans,
    SansBold,
    SansOblique,
    Serif,
    SerifBold,
    SerifItalic,
    Mono,
}

impl Face {
    pub const ALL: [Face; 7] = [
        Face::Sans,
        Face::SansBold,
        Face::SansOblique,
        Face::Serif,
        Face::SerifBold,
        Face::SerifItalic,
        Face::Mono,
    ];

    pub fn index(self) -> usize {
        Face::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }
}

/// Where a text's x coordinate sits on the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Draw {
    /// A line of text; `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        size: f32,
        face: Face,
        color: Rgb,
        anchor: Anchor,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
    },
    /// An open polyline.
    Line {
        points: Vec<(f32, f32)>,
        color: Rgb,
        width: f32,
        dashed: bool,
    },
    /// A closed shape.
    Polygon {
        points: Vec<(f32, f32)>,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
    },
}

impl Draw {
    pub fn text(
        x: f32,
        y: f32,
        size: f32,
        face: Face,
        color: Rgb,
        text: impl Into<String>,
    ) -> Draw {
        Draw::Text {
            x,
            y,
            size,
            face,
            color,
            anchor: Anchor::Start,
            text: text.into(),
        }
    }

    pub fn anchored(mut self, to: Anchor) -> Draw {
        if let Draw::Text { anchor, .. } = &mut self {
            *anchor = to;
        }
        self
    }

    pub fn line(from: (f32, f32), to: (f32, f32), color: Rgb, width: f32) -> Draw {
        Draw::Line {
            points: vec![from, to],
            color,
            width,
            dashed: false,
        }
    }

    pub fn fill(x: f32, y: f32, w: f32, h: f32, color: Rgb) -> Draw {
        Draw::Rect {
            x,
            y,
            w,
            h,
            fill: Some(color),
            stroke: None,
        }
    }

    /// Moves a drawing by (dx, dy).
    pub fn offset(mut self, dx: f32, dy: f32) -> Draw {
        match &mut self {
            Draw::Text { x, y, .. } | Draw::Rect { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
            Draw::Line { points, .. } | Draw::Polygon { points, .. } => {
                for (x, y) in points {
                    *x += dx;
                    *y += dy;
                }
            }
        }
        self
    }
}

/// A picture: its size and what to draw, from its own top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    pub width: f32,
    pub height: f32,
    pub draws: Vec<Draw>,
}
