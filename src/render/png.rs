//! A chart as a PNG picture, for documents that embed raster images (the
//! Word file). The SVG that [`super::svg`] writes is rendered by `resvg`
//! with the same DejaVu faces the PDF uses, never the system's fonts, so
//! the picture is the same on every machine and in every run.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, fontdb};

use super::draw::{Face, Picture};
use super::fonts::font_bytes;
use super::svg::to_svg;

/// Dots per inch of a chart printed at its own size: print quality.
pub const PRINT_DPI: f32 = 220.0;

/// A chart rendered to PNG, with its size in pixels.
#[derive(Clone)]
pub struct Png {
    pub bytes: Vec<u8>,
    pub width_px: u32,
    pub height_px: u32,
}

/// The DejaVu faces, loaded once for every chart of a run.
fn font_database() -> Arc<fontdb::Database> {
    static DATABASE: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DATABASE
        .get_or_init(|| {
            let mut database = fontdb::Database::new();
            for face in Face::ALL {
                database.load_font_data(font_bytes(face).to_vec());
            }
            database.set_sans_serif_family("DejaVu Sans");
            database.set_serif_family("DejaVu Serif");
            database.set_monospace_family("DejaVu Sans Mono");
            Arc::new(database)
        })
        .clone()
}

/// Charts rendered lately, by a hash of their SVG and the resolution: the
/// brief's Word file shows the same readiness chart as the master plan's,
/// and drawing it is most of the time a Word file takes.
static RECENT: std::sync::Mutex<Vec<(u64, Png)>> = std::sync::Mutex::new(Vec::new());

/// How many charts [`RECENT`] keeps: those of the countries being rendered
/// at once, a few each.
const RECENT_CHARTS: usize = 16;

/// Renders `picture` at `dpi` (its size is in points, 72 to the inch) on
/// white. The charts are built into dgplan, so a failure is a defect in
/// dgplan; it is reported as text rather than a crash.
pub fn to_png(picture: &Picture, title: &str, dpi: f32) -> Result<Png, String> {
    use std::hash::{Hash, Hasher};
    let svg = to_svg(picture, title);
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    svg.hash(&mut hasher);
    dpi.to_bits().hash(&mut hasher);
    let key = hasher.finish();
    let cached = RECENT.lock().ok().and_then(|recent| {
        recent
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, png)| png.clone())
    });
    if let Some(png) = cached {
        return Ok(png);
    }
    let png = render(picture, &svg, title, dpi)?;
    if let Ok(mut recent) = RECENT.lock() {
        if recent.len() >= RECENT_CHARTS {
            recent.remove(0);
        }
        recent.push((key, png.clone()));
    }
    Ok(png)
}

fn render(picture: &Picture, svg: &str, title: &str, dpi: f32) -> Result<Png, String> {
    let options = usvg::Options {
        fontdb: font_database(),
        font_family: "DejaVu Sans".to_string(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options)
        .map_err(|error| format!("the chart \"{title}\" cannot be read as SVG: {error}"))?;
    let width_px = (picture.width / 72.0 * dpi).round().max(1.0) as u32;
    let height_px = (picture.height / 72.0 * dpi).round().max(1.0) as u32;
    let mut pixmap = Pixmap::new(width_px, height_px)
        .ok_or_else(|| format!("the chart \"{title}\" has no area to draw"))?;
    let scale_x = width_px as f32 / tree.size().width();
    let scale_y = height_px as f32 / tree.size().height();
    resvg::render(
        &tree,
        Transform::from_scale(scale_x, scale_y),
        &mut pixmap.as_mut(),
    );
    let bytes = encode(&pixmap)
        .map_err(|error| format!("the chart \"{title}\" cannot be encoded as PNG: {error}"))?;
    Ok(Png {
        bytes,
        width_px,
        height_px,
    })
}

/// The pixels as an RGB PNG. The chart is drawn on white, so every pixel is
/// opaque and the alpha channel says nothing: leaving it out gives the
/// compressor a quarter less to read (measured: 189 to 167 ms for one
/// country's Word files, same size). The fast deflate level was measured
/// too, twice: 147 ms then 154 against 163 ms, but a master plan's Word
/// file of 862 KB instead of 428 KB, which matters more to a ministry that
/// sends it by e-mail.
fn encode(pixmap: &Pixmap) -> Result<Vec<u8>, png::EncodingError> {
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|pixel| [pixel[0], pixel[1], pixel[2]])
        .collect();
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Balanced);
    encoder.set_filter(png::Filter::Adaptive);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&rgb)?;
    writer.finish()?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::draw::{BLACK, Draw, Rgb};

    fn sample() -> Picture {
        Picture {
            width: 144.0,
            height: 72.0,
            draws: vec![
                Draw::fill(0.0, 0.0, 72.0, 72.0, Rgb::hex(0x1f3a5f)),
                Draw::text(80.0, 40.0, 10.0, Face::Sans, BLACK, "Côte d'Ivoire"),
            ],
        }
    }

    #[test]
    fn a_chart_renders_at_the_asked_resolution_with_its_text() {
        let png = to_png(&sample(), "Test", 200.0).unwrap();
        assert_eq!((png.width_px, png.height_px), (400, 200));
        assert!(png.bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
        // The text was drawn: the right half is not blank white.
        let pixmap = Pixmap::decode_png(&png.bytes).unwrap();
        let dark_right = pixmap
            .pixels()
            .iter()
            .enumerate()
            .filter(|(i, p)| i % 400 > 220 && p.red() < 128)
            .count();
        assert!(dark_right > 50, "{dark_right} dark pixels");
    }

    #[test]
    fn the_same_chart_gives_the_same_bytes() {
        let first = to_png(&sample(), "Test", 200.0).unwrap().bytes;
        assert_eq!(first, to_png(&sample(), "Test", 200.0).unwrap().bytes);
    }
}
