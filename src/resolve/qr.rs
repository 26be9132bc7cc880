//! Resolve stage, the QR code to the full report: drawn as an SVG by the `qrcode` crate,
//! handed to the templates as text, never built in a template.

use qrcode::QrCode;
use qrcode::render::svg;

/// The QR code of `url` as the text of an SVG image (dark on white, with its quiet zone),
/// or `None` if the address is too long for a QR code (the load stage refuses it).
/// Memoized: every output of a briefing (each language, each leave-behind) shows the same.
#[comemo::memoize]
pub(crate) fn svg(url: &str) -> Option<String> {
    let code = QrCode::new(url.as_bytes()).ok()?;
    let image = code
        .render::<svg::Color>()
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    Some(image)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_an_svg_of_the_address() {
        let image = svg("https://example.org/report").expect("fits");
        assert!(image.contains("<svg") && image.contains("<path"), "{image}");
    }

    #[test]
    fn refuses_an_address_too_long_for_a_qr_code() {
        let long = format!("https://example.org/{}", "a".repeat(3000));
        assert!(svg(&long).is_none());
    }
}
