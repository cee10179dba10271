//! A PDF page as a raster "scan": rendered with hayro (the renderer Typst's SVG export uses),
//! then encoded as PNG or JPEG. Deterministic: fixed scale, opaque background, fixed encoders.

use std::io::Cursor;

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{RenderCache, RenderSettings, render};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{ExtendedColorType, ImageEncoder};

/// Resolution of the scans.
const DPI: f32 = 150.0;
const JPEG_QUALITY: u8 = 82;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Raster {
    Png,
    Jpeg,
}

/// The first page of `pdf` at 150 dpi, encoded.
pub fn rasterize(pdf: &[u8], format: Raster) -> Result<Vec<u8>, String> {
    let pdf = Pdf::new(pdf.to_vec()).map_err(|e| format!("PDF illisible pour le rendu : {e:?}"))?;
    let pages = pdf.pages();
    let page = pages.first().ok_or("PDF sans page")?;
    let scale = DPI / 72.0;
    let settings = RenderSettings { x_scale: scale, y_scale: scale, bg_color: WHITE, ..Default::default() };
    let pixmap = render(page, &RenderCache::new(), &InterpreterSettings::default(), &settings);
    let (width, height) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
    // Opaque background: premultiplied RGBA is plain RGBA; drop the alpha channel.
    let rgb: Vec<u8> = pixmap.data_as_u8_slice().chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
    let mut out = Vec::new();
    match format {
        Raster::Png => PngEncoder::new_with_quality(Cursor::new(&mut out), CompressionType::Best, FilterType::Adaptive)
            .write_image(&rgb, width, height, ExtendedColorType::Rgb8),
        Raster::Jpeg => JpegEncoder::new_with_quality(Cursor::new(&mut out), JPEG_QUALITY).write_image(
            &rgb,
            width,
            height,
            ExtendedColorType::Rgb8,
        ),
    }
    .map_err(|e| format!("encodage de l'image : {e}"))?;
    Ok(out)
}
