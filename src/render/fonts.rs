//! The document's fonts (DejaVu, from the `dejavu` crate, under the
//! Bitstream Vera licence that ships with it) and their metrics.
//!
//! DejaVu covers every character of every UN Member State's name (Côte
//! d'Ivoire, Türkiye, São Tomé and Príncipe) and most of Unicode's Latin,
//! Greek and Cyrillic. Widths come from the fonts' own advance tables, so
//! what the layout measures is what the PDF shows.

use printpdf::ParsedFont;

use super::draw::Face;

/// Characters below this are measured once at load; others on demand.
const TABLE_SIZE: usize = 0x250;

pub struct Fonts {
    faces: Vec<FaceData>,
}

struct FaceData {
    parsed: ParsedFont,
    units_per_em: f32,
    /// Advance of each character below TABLE_SIZE, in em; `None` without a glyph.
    table: Vec<Option<f32>>,
    /// Glyph of each character below TABLE_SIZE; 0 (`.notdef`) without one.
    glyphs: Vec<u16>,
}

pub fn font_bytes(face: Face) -> &'static [u8] {
    match face {
        Face::Sans => dejavu::sans::regular(),
        Face::SansBold => dejavu::sans::bold(),
        Face::SansOblique => dejavu::sans::oblique(),
        Face::Serif => dejavu::serif::regular(),
        Face::SerifBold => dejavu::serif::bold(),
        Face::SerifItalic => dejavu::serif::italic(),
        Face::Mono => dejavu::sans_mono::regular(),
    }
}

impl Fonts {
    /// Parses the seven faces. The fonts are built into the binary, so a
    /// failure here is a defect in dgplan, not in a user's input.
    pub fn load() -> Result<Fonts, String> {
        let mut faces = Vec::with_capacity(Face::ALL.len());
        for face in Face::ALL {
            let parsed = ParsedFont::from_bytes(font_bytes(face), 0, &mut Vec::new())
                .ok_or_else(|| format!("the built-in font {face:?} cannot be read"))?;
            let units_per_em = f32::from(parsed.font_metrics.units_per_em.max(1));
            let glyphs: Vec<u16> = (0..TABLE_SIZE as u32)
                .map(|c| parsed.lookup_glyph_index(c).unwrap_or(0))
                .collect();
            let table = glyphs
                .iter()
                .map(|&g| {
                    (g != 0).then(|| f32::from(parsed.get_horizontal_advance(g)) / units_per_em)
                })
                .collect();
            faces.push(FaceData {
                parsed,
                units_per_em,
                table,
                glyphs,
            });
        }
        Ok(Fonts { faces })
    }

    pub fn parsed(&self, face: Face) -> &ParsedFont {
        &self.faces[face.index()].parsed
    }

    /// The glyph that shows a character; 0 (`.notdef`) if there is none.
    pub fn glyph(&self, face: Face, c: char) -> u16 {
        let data = &self.faces[face.index()];
        match data.glyphs.get(c as usize) {
            Some(glyph) => *glyph,
            None => data.parsed.lookup_glyph_index(c as u32).unwrap_or(0),
        }
    }

    /// A glyph's advance in thousandths of an em, as a PDF font's widths
    /// give it.
    pub fn glyph_width(&self, face: Face, glyph: u16) -> i64 {
        let data = &self.faces[face.index()];
        let advance = f32::from(data.parsed.get_horizontal_advance(glyph));
        (advance * 1000.0 / data.units_per_em).round() as i64
    }

    /// Advance of one character in em, or `None` if the font has no glyph.
    fn advance(&self, face: Face, c: char) -> Option<f32> {
        let data = &self.faces[face.index()];
        let code = c as usize;
        if code < TABLE_SIZE {
            return data.table[code];
        }
        data.parsed
            .lookup_glyph_index(c as u32)
            .map(|g| f32::from(data.parsed.get_horizontal_advance(g)) / data.units_per_em)
    }

    /// Width of a text in points at a size.
    pub fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        text.chars()
            .map(|c| self.advance(face, c).unwrap_or(0.6))
            .sum::<f32>()
            * size
    }

    /// Characters of a text that the font cannot show, in order of first appearance.
    pub fn missing(&self, face: Face, text: &str) -> Vec<char> {
        let mut missing: Vec<char> = Vec::new();
        for c in text.chars() {
            if !c.is_whitespace() && self.advance(face, c).is_none() && !missing.contains(&c) {
                missing.push(c);
            }
        }
        missing
    }

    /// The text with characters the font cannot show replaced by ones it can,
    /// so that nothing silently disappears from the PDF.
    pub fn printable(&self, face: Face, text: &str) -> String {
        text.chars()
            .map(|c| {
                if self.advance(face, c).is_some() || c == ' ' {
                    c
                } else {
                    match c {
                        '\u{2011}' => '-',
                        '\u{00a0}' | '\u{202f}' => ' ',
                        _ => '?',
                    }
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_state_names_have_glyphs() {
        let fonts = Fonts::load().unwrap();
        for name in [
            "Côte d'Ivoire",
            "Türkiye",
            "São Tomé and Príncipe",
            "Curaçao",
            "Åland",
        ] {
            for face in Face::ALL {
                assert_eq!(fonts.printable(face, name), name, "{face:?}");
            }
        }
    }

    #[test]
    fn widths_grow_with_text_and_size() {
        let fonts = Fonts::load().unwrap();
        let short = fonts.width(Face::Serif, 10.0, "plan");
        let long = fonts.width(Face::Serif, 10.0, "master plan");
        assert!(long > short && short > 0.0);
        assert!((fonts.width(Face::Serif, 20.0, "plan") - 2.0 * short).abs() < 1e-3);
        // Monospace: every character the same width.
        assert_eq!(
            fonts.width(Face::Mono, 10.0, "iiii"),
            fonts.width(Face::Mono, 10.0, "MMMM")
        );
    }
}
