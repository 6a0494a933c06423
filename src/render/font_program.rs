//! Slims the TrueType subsets printpdf cuts from the DejaVu faces.
//!
//! A subset keeps its face's full `name` table (15 KB of copyright and
//! licence text in each DejaVu face) and its hinting: the instructions in
//! every glyph and the `cvt `, `fpgm` and `prep` tables they run on.
//! Neither is drawn: PDF readers scale outlines for the screen themselves,
//! and a PDF names its fonts in the font dictionary. Without them the fonts
//! take about a third of the bytes. What remains is what ISO 32000-1
//! (9.9) asks of an embedded TrueType program that has no hinting: `head`,
//! `hhea`, `hmtx`, `maxp`, `loca` and `glyf`, with `cmap` and `post`.

/// Tables kept, in the order of their tags (a font's directory is sorted).
const KEPT: [&[u8; 4]; 8] = [
    b"cmap", b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp", b"post",
];

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// The font without its name table and hinting; `None` if it cannot be
/// read as a TrueType font, in which case it is embedded as it is.
pub fn without_hinting(font: &[u8]) -> Option<Vec<u8>> {
    let count = usize::from(u16_at(font, 4)?);
    let mut tables: Vec<([u8; 4], &[u8])> = Vec::new();
    for i in 0..count {
        let record = 12 + 16 * i;
        let tag: [u8; 4] = font.get(record..record + 4)?.try_into().ok()?;
        let offset = u32_at(font, record + 8)? as usize;
        let length = u32_at(font, record + 12)? as usize;
        tables.push((tag, font.get(offset..offset.checked_add(length)?)?));
    }
    let table = |tag: &[u8; 4]| tables.iter().find(|(t, _)| t == tag).map(|(_, b)| *b);
    let head = table(b"head")?;
    let short_offsets = u16_at(head, 50)? == 0;
    let (glyf, loca) = strip_instructions(table(b"glyf")?, table(b"loca")?, short_offsets)?;
    let mut head = head.to_vec();
    // Long offsets in `loca`; the whole-font checksum is set below.
    head.get_mut(50..52)?.copy_from_slice(&1u16.to_be_bytes());
    head.get_mut(8..12)?.copy_from_slice(&[0; 4]);
    let kept: Vec<([u8; 4], Vec<u8>)> = KEPT
        .iter()
        .filter_map(|tag| {
            let bytes = match *tag {
                b"glyf" => glyf.clone(),
                b"loca" => loca.clone(),
                b"head" => head.clone(),
                _ => table(tag)?.to_vec(),
            };
            Some((**tag, bytes))
        })
        .collect();
    let mut out = assemble(&kept, font.get(0..4)?);
    let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
    let head_at = 12 + 16 * kept.iter().position(|(t, _)| t == b"head")?;
    let head_offset = u32_at(&out, head_at + 8)? as usize;
    out.get_mut(head_offset + 8..head_offset + 12)?
        .copy_from_slice(&adjustment.to_be_bytes());
    Some(out)
}

/// The glyphs without their instructions, and the `loca` (long offsets)
/// that finds them.
fn strip_instructions(glyf: &[u8], loca: &[u8], short: bool) -> Option<(Vec<u8>, Vec<u8>)> {
    let offsets: Vec<usize> = if short {
        (0..loca.len() / 2)
            .map(|i| u16_at(loca, 2 * i).map(|o| 2 * usize::from(o)))
            .collect::<Option<_>>()?
    } else {
        (0..loca.len() / 4)
            .map(|i| u32_at(loca, 4 * i).map(|o| o as usize))
            .collect::<Option<_>>()?
    };
    let mut new_glyf = Vec::with_capacity(glyf.len());
    let mut new_loca = Vec::with_capacity(offsets.len() * 4);
    for pair in offsets.windows(2) {
        new_loca.extend((new_glyf.len() as u32).to_be_bytes());
        let glyph = glyf.get(pair[0]..pair[1])?;
        if glyph.len() >= 10 {
            new_glyf.extend(glyph_without_instructions(glyph)?);
            // Glyphs start on even offsets.
            if new_glyf.len() % 2 == 1 {
                new_glyf.push(0);
            }
        }
    }
    new_loca.extend((new_glyf.len() as u32).to_be_bytes());
    Some((new_glyf, new_loca))
}

fn glyph_without_instructions(glyph: &[u8]) -> Option<Vec<u8>> {
    let contours = u16_at(glyph, 0)? as i16;
    if contours >= 0 {
        let at = 10 + 2 * contours as usize;
        let length = usize::from(u16_at(glyph, at)?);
        let mut out = glyph.get(..at)?.to_vec();
        out.extend([0, 0]);
        out.extend(glyph.get(at + 2 + length..)?);
        return Some(out);
    }
    // A composite: components until one without MORE_COMPONENTS; the
    // last may say instructions follow (WE_HAVE_INSTRUCTIONS).
    let mut at = 10;
    loop {
        let flags = u16_at(glyph, at)?;
        let arguments = if flags & 0x0001 != 0 { 4 } else { 2 };
        let transform = if flags & 0x0008 != 0 {
            2
        } else if flags & 0x0040 != 0 {
            4
        } else if flags & 0x0080 != 0 {
            8
        } else {
            0
        };
        let end = at + 4 + arguments + transform;
        if flags & 0x0020 == 0 {
            let mut out = glyph.get(..end)?.to_vec();
            out.get_mut(at..at + 2)?
                .copy_from_slice(&(flags & !0x0100).to_be_bytes());
            return Some(out);
        }
        at = end;
    }
}

/// A font file from its tables: the directory, then each table padded to
/// four bytes.
fn assemble(tables: &[([u8; 4], Vec<u8>)], version: &[u8]) -> Vec<u8> {
    let count = tables.len() as u16;
    let power = 1u16 << (15 - count.leading_zeros().min(15));
    let search_range = power * 16;
    let entry_selector = power.trailing_zeros() as u16;
    let mut out = version.to_vec();
    for value in [
        count,
        search_range,
        entry_selector,
        count * 16 - search_range,
    ] {
        out.extend(value.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut bodies = Vec::new();
    for (tag, bytes) in tables {
        out.extend(tag);
        out.extend(checksum(bytes).to_be_bytes());
        out.extend((offset as u32).to_be_bytes());
        out.extend((bytes.len() as u32).to_be_bytes());
        let padded = bytes.len().div_ceil(4) * 4;
        bodies.extend(bytes);
        bodies.resize(bodies.len() + padded - bytes.len(), 0);
        offset += padded;
    }
    out.extend(bodies);
    out
}

/// The sum of big-endian 32-bit words, the last one padded with zeros.
fn checksum(bytes: &[u8]) -> u32 {
    bytes.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::draw::Face;
    use crate::render::fonts::font_bytes;
    use skrifa::instance::{LocationRef, Size};
    use skrifa::raw::types::Tag;
    use skrifa::{FontRef, MetadataProvider};

    #[test]
    fn a_slimmed_face_keeps_every_outline_and_advance_and_loses_the_rest() {
        for face in Face::ALL {
            let original = font_bytes(face);
            let slim = without_hinting(original).unwrap();
            assert!(slim.len() * 10 < original.len() * 9, "{face:?}");
            let (before, after) = (
                FontRef::new(original).unwrap(),
                FontRef::new(&slim).unwrap(),
            );
            let (map_before, map_after) = (before.charmap(), after.charmap());
            let metrics_before = before.glyph_metrics(Size::unscaled(), LocationRef::default());
            let metrics_after = after.glyph_metrics(Size::unscaled(), LocationRef::default());
            for c in "Sénégal 2027–2031: USD 19,4 millions «» ñ".chars() {
                let glyph = map_before.map(c).unwrap();
                assert_eq!(map_after.map(c), Some(glyph));
                assert_eq!(metrics_before.bounds(glyph), metrics_after.bounds(glyph));
                assert_eq!(
                    metrics_before.advance_width(glyph),
                    metrics_after.advance_width(glyph)
                );
            }
            assert!(after.table_data(Tag::new(b"name")).is_none());
            assert!(after.table_data(Tag::new(b"fpgm")).is_none());
            // The whole-font checksum comes out as the format asks.
            assert_eq!(checksum(&slim), 0xB1B0_AFBA);
        }
    }

    #[test]
    fn what_is_not_a_font_is_left_alone() {
        assert_eq!(without_hinting(b"not a font"), None);
        assert_eq!(without_hinting(&[]), None);
    }
}
