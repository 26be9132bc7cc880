//! The QR code to the full report (`report = { url, title }`): drawn on the handout's last
//! page and the closing slide, in every language, and read back with zbar's `zbarimg`.

use std::path::Path;
use std::process::Command;

use crate::support::*;

const URL: &str = "https://example.org/reports/prisons-2024";

/// A briefing with `report` as its fourth line (empty: none).
fn briefing(report: &str) -> String {
    format!(
        "lang = \"en\"\ntitle = \"Prisons\"\norganisation = \"Observatory\"\n\
         {report}\n\
         [issues.one]\ntitle = \"Labour\"\npoints.a = \"A point\"\n\
         [contact]\nemail = \"a@example.org\"\nwebsite = \"example.org\"\n"
    )
}

/// What `zbarimg` reads on page `page` of `pdf`, rendered at 150 dpi; `None` when the
/// tools are not installed and `BRIEF_FIELD_TOOLS` does not require them.
pub fn decoded(pdf: &Path, page: usize) -> Option<String> {
    let dir = temp_dir();
    let prefix = dir.path().join("page");
    let page = page.to_string();
    let args = ["-r", "150", "-png", "-singlefile", "-f", &page, "-l", &page];
    let rendered = Command::new("pdftoppm").args(args).arg(pdf).arg(&prefix).output();
    assert!(rendered.expect("run pdftoppm").status.success(), "pdftoppm renders {}", pdf.display());
    match Command::new("zbarimg").args(["--raw", "--quiet"]).arg(prefix.with_extension("png")).output() {
        Ok(output) => Some(String::from_utf8_lossy(&output.stdout).trim().to_owned()),
        Err(e) if std::env::var_os("BRIEF_FIELD_TOOLS").is_none() => {
            eprintln!("skipped: `zbarimg` is not installed ({e}); `apt-get install zbar-tools`");
            None
        }
        Err(e) => panic!("`zbarimg` is needed in CI: {e}"),
    }
}

#[test]
fn the_qr_code_reads_as_the_report_url_on_the_last_page_and_slide_in_every_language() {
    let source = briefing(&format!("report = {{ url = \"{URL}\", title = \"The full report\" }}"));
    let fixture = Fixture::new("qr", &source)
        .file("ar.toml", "title = \"السجون\"\nreport.title = \"التقرير الكامل\"\n");
    fixture.build(&[]).expect_code(0).stderr_lacks("warning: page").stderr_lacks("warning: slide");
    for (lang, title) in [("en", "The full report"), ("ar", "التقرير الكامل")] {
        for format in ["handout", "slides"] {
            let pdf = fixture.pdf(lang, format);
            let last = page_count(&pdf);
            // poppler reads right-to-left lines in their logical order.
            let output = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("run pdftotext");
            let text = normalize(&String::from_utf8_lossy(&output.stdout));
            assert!(text.contains(&normalize(title)), "{lang} {format}: {text}");
            // The address may wrap, and a line of the contact details be read between.
            for part in ["https://example.org/", "reports/prisons2024"] {
                assert!(text.contains(part), "{lang} {format} prints the address: {text}");
            }
            let Some(read) = decoded(&pdf, last) else { return };
            assert_eq!(read, URL, "{lang} {format}, page {last}");
        }
    }
}

#[test]
fn without_a_report_there_is_no_qr_code() {
    let fixture = Fixture::new("noqr", &briefing(""));
    fixture.build(&[]).expect_code(0);
    let pdf = fixture.pdf("en", "handout");
    let Some(read) = decoded(&pdf, page_count(&pdf)) else { return };
    assert_eq!(read, "");
}

#[test]
fn a_report_url_that_is_not_https_is_an_error_at_its_place() {
    let source = briefing("report = { url = \"http://example.org/report\", title = \"The report\" }");
    Fixture::new("httpqr", &source)
        .build(&[])
        .input_error()
        .stderr_has("`report.url`: `http://example.org/report`: the report must be at an `https://` address")
        .stderr_has("httpqr/brief.toml:4:")
        .stderr_has("e.g. `https://example.org/report`");
}

#[test]
fn a_report_url_that_is_no_address_is_an_error_at_its_place() {
    let source = briefing("report = { url = \"example.org/report\", title = \"The report\" }");
    Fixture::new("badqr", &source)
        .build(&[])
        .input_error()
        .stderr_has("`report.url`: `example.org/report`: it is not a web address")
        .stderr_has("badqr/brief.toml:4:");
}

#[test]
fn a_report_url_too_long_for_a_qr_code_is_an_error_at_its_place() {
    let url = format!("https://example.org/{}", "a".repeat(3000));
    let source = briefing(&format!("report = {{ url = \"{url}\", title = \"The report\" }}"));
    Fixture::new("longqr", &source)
        .build(&[])
        .input_error()
        .stderr_has("it is too long for a QR code")
        .stderr_has("longqr/brief.toml:4:");
}
