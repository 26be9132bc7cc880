//! Pipeline, cache: what the last build made, in `<out>/.brief-cache.json`.
//!
//! Each output has a fingerprint of everything that goes into it; an output whose
//! fingerprint is the one recorded, and whose file is there, is fresh and left alone.
//! The cache is also how a build knows which files under the output folder it made: each
//! record names the briefing, language and format, so an output whose briefing, language
//! or format is gone is found ([`Cache::stale`]) and removed. The
//! cache also keeps the slide body sizes and cuts each deck was fitted with, so that a
//! forced rebuild of the same inputs lays the deck out once with them instead of searching
//! again.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use typst::foundations::{Bytes, Datetime};

use crate::export::{self, Standards};
use crate::load::LoadedBrief;
use crate::render::Format;

/// The list of the files the last build made or found current, in the output folder.
const MANIFEST_FILE: &str = ".brief-manifest.json";

/// The manifest's path for the output folder `out`.
pub(super) fn manifest_path(out: &Path) -> PathBuf {
    out.join(MANIFEST_FILE)
}

/// A fingerprint of the binary's embedded assets and version, computed by `build.rs`.
const TOOL_FINGERPRINT: &str = concat!(env!("CARGO_PKG_VERSION"), "/", env!("BRIEF_ASSETS_HASH"));

/// The cache's file name, in the output folder.
const CACHE_FILE: &str = ".brief-cache.json";

/// The cache's path for the output folder `out`.
pub(super) fn path(out: &Path) -> PathBuf {
    out.join(CACHE_FILE)
}

/// What the last build recorded of one output.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(super) struct Cached {
    /// The fingerprint of its inputs.
    pub fingerprint: String,
    /// The slide body sizes and cuts its fit search settled on, as served at `/fit.json`. A
    /// rebuild of the same inputs (`--force`) lays out with these once instead of searching
    /// again; the search is deterministic, so the PDF is the same byte for byte.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sizes: Option<String>,
    /// The page images written beside the PDF, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub images: Option<Images>,
    /// What it was made from, to tell when that is gone (not known in older caches).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub made_from: Option<Origin>,
}

/// The briefing folder (as the build was given it), language and format of an output.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(super) struct Origin {
    pub dir: PathBuf,
    pub lang: String,
    pub format: Format,
}

/// Page images written beside a PDF (`--png`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(super) struct Images {
    /// Their resolution.
    pub dpi: u32,
    /// How many: one a page.
    pub pages: usize,
}

/// The records of the last build, by output path.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub(super) struct Cache(BTreeMap<String, Cached>);

impl Cache {
    /// What the last build recorded; a missing or unreadable cache is empty.
    pub(super) fn read(path: &Path) -> Self {
        // A cache that is not a plain file (a link, say) is not ours to read.
        let plain = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file());
        let text = if plain { std::fs::read_to_string(path).unwrap_or_default() } else { String::new() };
        serde_json::from_str(&text).unwrap_or_default()
    }

    /// Writes the cache; one that cannot be written only costs a rebuild next time.
    pub(super) fn write(&self, path: &Path) {
        let text = serde_json::to_string_pretty(self).expect("the cache serializes");
        let _ = crate::folder::write_output(path, text.as_bytes());
    }

    /// Whether the output at `output` is there and its inputs are those of the last build;
    /// with `png` (a resolution), its page images at that resolution must be there too.
    pub(super) fn is_fresh(&self, output: &Path, fingerprint: Option<&str>, png: Option<u32>) -> bool {
        let Some(cached) = self.0.get(&key(output)) else { return false };
        let images_there =
            |images: Images| (1..=images.pages).all(|n| export::png::path(output, n).is_file());
        let images_fresh = match (png, cached.images) {
            (None, _) => true,
            (Some(dpi), Some(images)) => images.dpi == dpi && images_there(images),
            (Some(_), None) => false,
        };
        output.is_file() && Some(cached.fingerprint.as_str()) == fingerprint && images_fresh
    }

    /// The sizes recorded for an output whose inputs are those of the last build.
    pub(super) fn known_sizes(&self, output: &Path, fingerprint: Option<&str>) -> Option<Bytes> {
        let cached = self.0.get(&key(output))?;
        let same = fingerprint == Some(cached.fingerprint.as_str());
        same.then(|| cached.sizes.clone()).flatten().map(|s| Bytes::new(s.into_bytes()))
    }

    /// Records a built output, and its page images if it has some.
    pub(super) fn record(&mut self, output: &Path, cached: Cached) {
        self.0.insert(key(output), cached);
    }

    /// The outputs recorded that no longer exist, by path: those whose origin is known and
    /// for which `gone` is true.
    pub(super) fn stale(&self, gone: impl Fn(&Path, &Origin) -> bool) -> Vec<(PathBuf, Cached)> {
        let recorded = self.0.iter().map(|(path, cached)| (PathBuf::from(path), cached));
        let known = recorded.filter_map(|(path, cached)| Some((path, cached, cached.made_from.as_ref()?)));
        known.filter(|(path, _, origin)| gone(path, origin)).map(|(p, c, _)| (p, c.clone())).collect()
    }

    /// Forgets an output.
    pub(super) fn forget(&mut self, output: &Path) {
        self.0.remove(&key(output));
    }
}

fn key(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// Everything that goes into one output, hashed: the resolved data, the images, the
/// embedded templates and fonts and the briefing's own templates, the tool's version, the
/// format, the creation date, the PDF standards and a deck's speaker notes.
pub(super) fn fingerprint(
    loaded: &LoadedBrief,
    format: Format,
    data: &Bytes,
    today: Datetime,
    standards: &Standards,
    notes: &[u8],
) -> String {
    let mut hash = Sha256::new();
    hash.update(notes);
    hash.update(TOOL_FINGERPRINT.as_bytes());
    hash.update(format.name().as_bytes());
    hash.update(format!("standards {standards};").as_bytes());
    hash.update(format!("{today:?}").as_bytes());
    hash.update(data.as_slice());
    if let Some(logo) = &loaded.brief.logo {
        hash.update(loaded.folder.read(Path::new(&logo.file)).unwrap_or_default());
    }
    for template in &loaded.templates {
        hash.update(template.name.as_bytes());
        hash.update((template.text.len() as u64).to_le_bytes());
        hash.update(template.text.as_bytes());
    }
    hash.finalize()[..12].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cached(fingerprint: &str, sizes: Option<String>, images: Option<Images>) -> Cached {
        Cached { fingerprint: fingerprint.to_owned(), sizes, images, made_from: None }
    }

    #[test]
    fn an_output_is_fresh_only_with_its_file_and_the_same_fingerprint() {
        let dir = tempfile::tempdir().expect("temp dir");
        let pdf = dir.path().join("a.pdf");
        let mut cache = Cache::default();
        cache.record(&pdf, cached("f1", None, None));
        assert!(!cache.is_fresh(&pdf, Some("f1"), None), "no file yet");
        std::fs::write(&pdf, b"%PDF").expect("write");
        assert!(cache.is_fresh(&pdf, Some("f1"), None));
        assert!(!cache.is_fresh(&pdf, Some("f2"), None), "inputs changed");
        assert!(!cache.is_fresh(&pdf, None, None), "no fingerprint: nothing to compare");
        assert!(!Cache::default().is_fresh(&pdf, Some("f1"), None), "never built");
    }

    #[test]
    fn page_images_are_fresh_only_when_all_there_at_the_same_resolution() {
        let dir = tempfile::tempdir().expect("temp dir");
        let pdf = dir.path().join("a.pdf");
        std::fs::write(&pdf, b"%PDF").expect("write");
        let mut cache = Cache::default();
        cache.record(&pdf, cached("f1", None, None));
        assert!(!cache.is_fresh(&pdf, Some("f1"), Some(144)), "no images recorded");
        cache.record(&pdf, cached("f1", None, Some(Images { dpi: 144, pages: 2 })));
        std::fs::write(export::png::path(&pdf, 1), b"png").expect("write");
        assert!(!cache.is_fresh(&pdf, Some("f1"), Some(144)), "page 2 missing");
        std::fs::write(export::png::path(&pdf, 2), b"png").expect("write");
        assert!(cache.is_fresh(&pdf, Some("f1"), Some(144)));
        assert!(!cache.is_fresh(&pdf, Some("f1"), Some(72)), "another resolution");
        assert!(cache.is_fresh(&pdf, Some("f1"), None), "images not asked for");
    }

    #[test]
    fn sizes_are_known_only_for_the_same_inputs() {
        let pdf = Path::new("out/a.pdf");
        let mut cache = Cache::default();
        cache.record(pdf, cached("f1", Some("{\"k\":20.5}".to_owned()), None));
        let sizes = cache.known_sizes(pdf, Some("f1")).expect("recorded");
        assert_eq!(sizes.as_slice(), b"{\"k\":20.5}");
        assert!(cache.known_sizes(pdf, Some("f2")).is_none());
        assert!(cache.known_sizes(Path::new("out/b.pdf"), Some("f1")).is_none());
    }

    #[test]
    fn the_cache_round_trips_and_a_corrupt_one_is_empty() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = path(dir.path());
        let mut cache = Cache::default();
        cache.record(Path::new("out/a.pdf"), cached("f1", None, None));
        cache.write(&file);
        assert_eq!(Cache::read(&file).0, cache.0);
        std::fs::write(&file, "not json").expect("write");
        assert!(Cache::read(&file).0.is_empty());
    }
}
